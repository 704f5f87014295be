package i18n

// viContent translates into Vietnamese the sentences of internal/content: the checks of one article (front matter, body, file names, personal data).
var viContent = map[string]string{}
