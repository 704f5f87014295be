// Package forge is the only part of bbtgen that talks to GitHub. It reads pull requests,
// their files and reviews (every page), and files at a given commit through the contents API,
// so that the review gate never checks out or runs the code of a pull request; it writes the
// few things bbtgen writes: one comment per pull request, review requests, branch protection.
//
// Requests go through a retrying transport (hashicorp/go-retryablehttp): server errors and
// GitHub's secondary rate limits are retried with backoff, an exhausted primary rate limit is
// waited out when its reset is near, and anything else fails with a clear error — so that a
// flaky API makes bbtgen stop, never decide.
package forge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/hashicorp/go-retryablehttp"
)

// DefaultAPIURL is GitHub's public API root.
const DefaultAPIURL = "https://api.github.com/"

// Options configure a Client.
type Options struct {
	// Token is the GitHub token (GITHUB_TOKEN).
	Token string
	// APIURL is the API root (GITHUB_API_URL); GitHub Enterprise uses https://HOST/api/v3.
	APIURL string
	// Repo is OWNER/NAME (GITHUB_REPOSITORY or --repo).
	Repo string
	// Retries is how many times a failed request is retried (default 4).
	Retries int
	// WaitMin and WaitMax bound the backoff between retries (default 1s and 60s).
	WaitMin, WaitMax time.Duration
	// MaxRateLimitWait is the longest bbtgen waits for a primary rate limit to reset
	// (default 5 minutes); beyond it, it fails.
	MaxRateLimitWait time.Duration
	// Transport is the underlying HTTP transport (default: a clean pooled transport).
	Transport http.RoundTripper
	// Log receives one line per retry (default: nothing).
	Log io.Writer
}

// Client is a GitHub client for one repository.
type Client struct {
	gh          *github.Client
	owner, repo string
	opts        Options
	requests    atomic.Int64
}

// ErrNoToken is returned when no token is given.
var ErrNoToken = errors.New("GITHUB_TOKEN is not set: bbtgen needs a token to read pull requests (in a workflow, pass ${{ github.token }})")

// New makes a client.
func New(opts Options) (*Client, error) {
	if opts.Token == "" {
		return nil, ErrNoToken
	}
	owner, repo, ok := strings.Cut(opts.Repo, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("repository %q is not OWNER/NAME: set GITHUB_REPOSITORY or pass --repo", opts.Repo)
	}
	if opts.APIURL == "" {
		opts.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(opts.APIURL, "/") {
		opts.APIURL += "/"
	}
	base, err := url.Parse(opts.APIURL)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) address", opts.APIURL)
	}
	if opts.Retries == 0 {
		opts.Retries = 4
	}
	if opts.WaitMin == 0 {
		opts.WaitMin = time.Second
	}
	if opts.WaitMax == 0 {
		opts.WaitMax = time.Minute
	}
	if opts.MaxRateLimitWait == 0 {
		opts.MaxRateLimitWait = 5 * time.Minute
	}
	c := &Client{owner: owner, repo: repo, opts: opts}
	rc := retryablehttp.NewClient()
	rc.Logger = nil
	rc.RetryMax = opts.Retries
	rc.RetryWaitMin, rc.RetryWaitMax = opts.WaitMin, opts.WaitMax
	rc.CheckRetry = c.checkRetry
	rc.Backoff = c.backoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	inner := opts.Transport
	if inner == nil {
		inner = http.DefaultTransport
	}
	rc.HTTPClient = &http.Client{Transport: countingTransport{inner, &c.requests}, Timeout: 60 * time.Second}
	rc.RequestLogHook = func(_ retryablehttp.Logger, r *http.Request, attempt int) {
		if attempt > 0 && opts.Log != nil {
			fmt.Fprintf(opts.Log, "retrying %s %s (attempt %d of %d)\n", r.Method, r.URL.Path, attempt+1, opts.Retries+1)
		}
	}
	c.gh = github.NewClient(rc.StandardClient()).WithAuthToken(opts.Token)
	c.gh.BaseURL = base
	c.gh.UserAgent = "bbtgen"
	return c, nil
}

// Requests returns the number of HTTP requests made so far, retries included.
func (c *Client) Requests() int { return int(c.requests.Load()) }

// Repo returns OWNER/NAME.
func (c *Client) Repo() string { return c.owner + "/" + c.repo }

type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(r)
}

// sentOnceKey marks, in a request's context, a request that must not be sent again blindly
// after a server error or a lost connection: it may have been carried out (a POST that creates
// a comment). Rate-limit refusals, which GitHub answers before doing anything, are retried.
type sentOnceKey struct{}

func sentOnce(ctx context.Context) context.Context {
	return context.WithValue(ctx, sentOnceKey{}, true)
}

// checkRetry decides whether a response deserves another try.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if once, _ := ctx.Value(sentOnceKey{}).(bool); once && (err != nil || resp == nil || resp.StatusCode >= 500) {
		// A request that creates something may have been carried out although its answer
		// was lost: the caller looks before it sends again (see createComment).
		return false, nil
	}
	if err != nil || resp == nil {
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	switch {
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		return true, nil
	case resp.StatusCode == http.StatusTooManyRequests:
		return true, nil
	case resp.StatusCode == http.StatusForbidden:
		if resp.Header.Get("Retry-After") != "" || isSecondaryLimit(resp) {
			return true, nil
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "0" {
			return untilReset(resp) <= c.opts.MaxRateLimitWait, nil
		}
	}
	return false, nil
}

// backoff waits as GitHub asks (Retry-After, or until the rate limit resets), else
// exponentially.
func (c *Client) backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if s := resp.Header.Get("Retry-After"); s != "" {
			if secs, err := strconv.Atoi(s); err == nil {
				return clamp(time.Duration(secs)*time.Second, min, max)
			}
		}
		if resp.StatusCode == http.StatusForbidden && resp.Header.Get("X-RateLimit-Remaining") == "0" {
			return min + untilReset(resp)
		}
		if resp.StatusCode == http.StatusForbidden && isSecondaryLimit(resp) {
			return clamp(time.Minute, min, max) // GitHub asks for at least a minute when it gives no Retry-After
		}
	}
	d := time.Duration(float64(min) * math.Pow(2, float64(attempt)))
	return clamp(d, min, max)
}

func clamp(d, min, max time.Duration) time.Duration {
	if d < min {
		return min
	}
	if d > max {
		return max
	}
	return d
}

func untilReset(resp *http.Response) time.Duration {
	reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil {
		return time.Hour
	}
	d := time.Until(time.Unix(reset, 0))
	if d < 0 {
		return 0
	}
	return d
}

func isSecondaryLimit(resp *http.Response) bool {
	if resp.Body == nil {
		return false
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return err == nil && bytes.Contains(bytes.ToLower(body), []byte("secondary rate limit"))
}

// call runs one API call. go-github refuses a call by itself when the last response said the
// primary limit is used up; when the reset is near, wait for it and try again.
func call[T any](ctx context.Context, c *Client, what string, f func() (T, *github.Response, error)) (T, *github.Response, error) {
	v, resp, err := f()
	var rle *github.RateLimitError
	if errors.As(err, &rle) && resp != nil && resp.Response == nil {
		wait := time.Until(rle.Rate.Reset.Time)
		if wait <= c.opts.MaxRateLimitWait {
			t := time.NewTimer(max(wait, 0) + time.Second)
			select {
			case <-ctx.Done():
				t.Stop()
				var zero T
				return zero, resp, ctx.Err()
			case <-t.C:
			}
			v, resp, err = f()
		}
	}
	if err != nil {
		return v, resp, apiError(what, err)
	}
	return v, resp, nil
}

// all reads every page of a list, 100 items a page, following GitHub's Link header.
func all[T any](ctx context.Context, c *Client, what string, list func(github.ListOptions) ([]T, *github.Response, error)) ([]T, error) {
	var out []T
	opt := github.ListOptions{PerPage: perPage}
	for {
		items, resp, err := call(ctx, c, what, func() ([]T, *github.Response, error) { return list(opt) })
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if resp.NextPage == 0 {
			return out, nil
		}
		opt.Page = resp.NextPage
	}
}

// apiError turns a go-github error into one sentence that says what failed.
func apiError(what string, err error) error {
	var rle *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	var er *github.ErrorResponse
	switch {
	case errors.As(err, &rle):
		return fmt.Errorf("%s: GitHub's rate limit is used up until %s; try again then", what, rle.Rate.Reset.Format(time.RFC3339))
	case errors.As(err, &abuse):
		return fmt.Errorf("%s: GitHub's secondary rate limit is still in force after retries; try again later", what)
	case errors.As(err, &er):
		msg := er.Message
		if er.Response != nil {
			switch er.Response.StatusCode {
			case http.StatusUnauthorized:
				msg += " (the token was refused: check GITHUB_TOKEN)"
			case http.StatusForbidden:
				msg += " (the token lacks a permission this needs)"
			case http.StatusNotFound:
				msg += " (check the repository name and that the token can read it)"
			}
			return fmt.Errorf("%s: GitHub answered %d %s", what, er.Response.StatusCode, msg)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}
