package policy

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkEvaluate judges a pull request of 1,000 files (100 articles across the categories,
// the rest media) with 500 reviews.
func BenchmarkEvaluate(b *testing.B) {
	p := samplePolicy(b)
	cats := []string{"tin-hoat-dong", "cai-cach-hanh-chinh", "danh-gia-hai-long", "nghien-cuu"}
	var files []File
	s := &Snapshot{Number: 1, Author: author, HeadSHA: sha, BaseRef: "main", Articles: map[string][]byte{}, Now: t0}
	for i := range 1000 {
		cat := cats[i%len(cats)]
		if i%10 == 0 {
			f := fmt.Sprintf("content/%s/2026/bai-%04d.md", cat, i)
			files = append(files, File{Path: f, Status: Added})
			s.Articles[f] = art("")
		} else {
			files = append(files, File{Path: fmt.Sprintf("static/media/%s/2026/anh-%04d.jpg", cat, i), Status: Added})
		}
	}
	s.Files = files
	reviewers := []string{head, dinh, vu, trung, author}
	for i := range 500 {
		s.Reviews = append(s.Reviews, Review{Author: reviewers[i%len(reviewers)], State: []ReviewState{Commented, Approved, ChangesRequested, Approved}[i%4], CommitID: sha, SubmittedAt: t0.Add(time.Duration(i) * time.Minute)})
	}
	s.Reviews = append(s.Reviews, approve(head, sha, 10000), approve(trung, sha, 10001))
	b.ResetTimer()
	for b.Loop() {
		d := Evaluate(p, s)
		if !d.Mergeable {
			b.Fatalf("not mergeable: %v", d.Reasons)
		}
	}
}
