package i18n

// viReview translates into Vietnamese the sentences of the review: the reasons of internal/policy, the review card, the queue, reminders and publication notices of internal/cli.
var viReview = map[string]string{}
