// Package filechange names what a change did to a file, in GitHub's words (added, modified,
// removed, renamed…). The review policy reads it from GitHub's list of a pull request's files,
// the Git history (internal/gitrepo) from tree diffs; both speak this one type, so nothing
// converts between two spellings of the same fact. It is a leaf package so that the pure
// policy core can use it without depending on Git.
package filechange

// Status is what a change did to a file.
type Status string

const (
	Added    Status = "added"
	Modified Status = "modified"
	Removed  Status = "removed"
	Renamed  Status = "renamed"
	// Copied and Changed are GitHub's: a copy of another file, and a change of mode only.
	Copied  Status = "copied"
	Changed Status = "changed"
)
