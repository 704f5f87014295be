package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sonoivu-binhdinh/bbtgen/internal/forge/githubtest"
)

// `github start FILE` starts a fake GitHub loaded with the scenario FILE of the script (a
// section of its txtar archive, see githubtest.Scenario) and points GITHUB_API_URL at it;
// `github count METHOD PATH-REGEXP N` checks the requests it received; `github comments PR N`
// checks how many comments a pull request carries.
var githubCmd = func(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: github start FILE | count METHOD PATH N | comments PR N")
	}
	if args[0] != "start" && ts.Value("github").(*fakeGitHub).s == nil {
		ts.Fatalf("github %s: no fake GitHub yet (github start FILE first)", args[0])
	}
	switch args[0] {
	case "start":
		if len(args) != 2 {
			ts.Fatalf("usage: github start FILE")
		}
		s := githubtest.New("sonoivu", "website")
		ts.Defer(s.Close)
		ts.Check(s.Load([]byte(ts.ReadFile(args[1])), func(name string) ([]byte, error) {
			return []byte(ts.ReadFile(name)), nil
		}))
		ts.Value("github").(*fakeGitHub).s = s
		ts.Setenv("GITHUB_API_URL", s.APIURL())
		ts.Setenv("GITHUB_REPOSITORY", "sonoivu/website")
		ts.Setenv("GITHUB_TOKEN", "ghs_test")
		ts.Setenv("BBTGEN_RETRY_WAIT", "1ms")
	case "count":
		s := ts.Value("github").(*fakeGitHub).s
		want, _ := strconv.Atoi(args[3])
		if got := s.Count(args[1], args[2]); (got == want) == neg {
			ts.Fatalf("%s %s: %d requests, want %d", args[1], args[2], got, want)
		}
	case "comments":
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		want, _ := strconv.Atoi(args[2])
		if got := len(s.PR(n).Comments); got != want {
			ts.Fatalf("#%d has %d comments, want %d", n, got, want)
		}
		for _, c := range s.PR(n).Comments {
			ts.Logf("comment %d by %s:\n%s", c.ID, c.User, c.Body)
		}
	case "review": // github review PR LOGIN STATE: a review of the head, at 09:30 on 25/11/2026
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		s.AddReview(n, githubtest.Review{User: args[2], State: args[3], CommitID: s.PR(n).HeadSHA, SubmittedAt: time.Date(2026, 11, 25, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))})
	case "comment": // github comment PR REGEXP: bbtgen's comment on PR matches
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		found := false
		for _, c := range s.PR(n).Comments {
			if ok, _ := regexp.MatchString(args[2], c.Body); ok {
				found = true
			}
		}
		if found == neg {
			ts.Fatalf("#%d: no comment matches %q", n, args[2])
		}
	case "requested": // github requested PR LOGIN…: the requested reviewers are exactly these
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		if got := s.PR(n).RequestedReviewers; fmt.Sprint(got) != fmt.Sprint(args[2:]) {
			ts.Fatalf("#%d requested reviewers %v, want %v", n, got, args[2:])
		}
	case "merge": // github merge PR REGEXP: the merge request of PR (JSON) matches; ! for never merged
		s := ts.Value("github").(*fakeGitHub).s
		n, _ := strconv.Atoi(args[1])
		m := s.PR(n).Merge
		if m == nil {
			if !neg {
				ts.Fatalf("#%d was not merged", n)
			}
			return
		}
		data, _ := json.Marshal(m)
		if ok, _ := regexp.MatchString(args[2], string(data)); ok == neg {
			ts.Fatalf("#%d merge request %s does not match %q", n, data, args[2])
		}
	case "dispatched": // github dispatched WORKFLOW@REF…: the workflows started, in order
		s := ts.Value("github").(*fakeGitHub).s
		if got := fmt.Sprint(s.Dispatches); got != fmt.Sprint(args[1:]) {
			ts.Fatalf("dispatched %v, want %v", s.Dispatches, args[1:])
		}
	case "protection":
		s := ts.Value("github").(*fakeGitHub).s
		body := string(s.Protection(args[1]))
		if ok, _ := regexp.MatchString(args[2], body); ok == neg {
			ts.Fatalf("protection of %s: %s does not match %q", args[1], body, args[2])
		}
	default:
		ts.Fatalf("unknown github subcommand %q", args[0])
	}
}

// fakeGitHub holds a script's fake server (set by "github start").
type fakeGitHub struct{ s *githubtest.Server }
