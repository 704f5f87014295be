package i18n

// viCLI translates into Vietnamese what the commands print: --help, flags, usage errors, summaries, the scaffold of bbtgen new.
var viCLI = map[string]string{
	"warning": "cảnh báo",
}
