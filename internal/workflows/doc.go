// Package workflows holds the checks of the repository's GitHub workflows
// (.github/workflows): actionlint over every file, actions pinned by commit, a review gate
// that restores no cache and never builds or runs pull-request code, required checks that
// run on review events too, publishing only from the publishing branch, and the least
// permissions for every job. The package has no code of its own: its tests are the checks.
package workflows
