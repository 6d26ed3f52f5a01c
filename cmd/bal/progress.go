package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how far long work has come.
type progress interface {
	// Set moves the bar to n of total; a total of 0 or less is unknown.
	Set(n, total int)
	// Describe changes the text beside the bar.
	Describe(text string)
	// Done removes the bar.
	Done()
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// showProgress reports whether a bar may be drawn: only for a person
// watching, that is with table output and both stdout and stderr on a
// terminal; never in JSON mode or with either piped or redirected.
func (a *app) showProgress() bool {
	return !a.json() && a.terminal(a.out) && a.terminal(a.errOut)
}

// progress returns a bar on stderr, or one that draws nothing when
// showProgress says no.
func (a *app) progress(description string) progress {
	if !a.showProgress() {
		return noProgress{}
	}
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(a.errOut),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
	return &bar64{bar: bar}
}

type bar64 struct {
	bar   *progressbar.ProgressBar
	total int
}

func (b *bar64) Set(n, total int) {
	if total > 0 && total != b.total {
		b.total = total
		b.bar.ChangeMax(total)
	}
	_ = b.bar.Set(n)
}

func (b *bar64) Describe(text string) { b.bar.Describe(text) }

func (b *bar64) Done() {
	_ = b.bar.Finish()
	_ = b.bar.Clear()
}

// noProgress draws nothing.
type noProgress struct{}

func (noProgress) Set(int, int)    {}
func (noProgress) Describe(string) {}
func (noProgress) Done()           {}
