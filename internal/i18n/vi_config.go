package i18n

// viConfig translates into Vietnamese the sentences of internal/config and internal/sitecheck: the checks of config.yaml and of the whole site (compliance, what Hugo published).
var viConfig = map[string]string{}
