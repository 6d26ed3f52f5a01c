package check

import (
	"errors"
	"fmt"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// Problems collects the problems found in one object and hands them to the
// caller as a *bal.ValidationError. bal.ValidationError itself is only read
// by users; building one is the SDK's business, so the collector lives here.
type Problems struct {
	object   string
	problems []bal.Problem
}

// New returns an empty collector for the object named object, e.g.
// "building.Building" or an operation such as "building.Direkt.Get".
func New(object string) *Problems { return &Problems{object: object} }

// Add records a problem.
func (p *Problems) Add(path, rule, message string) {
	p.problems = append(p.problems, bal.Problem{Path: path, Rule: rule, Message: message})
}

// Addf records a problem with a formatted message.
func (p *Problems) Addf(path, rule, format string, args ...any) {
	p.Add(path, rule, fmt.Sprintf(format, args...))
}

// AddTo records problems found in a part of the object, prefixing their
// paths with prefix ("Parts[2]", "Designation" …).
func (p *Problems) AddTo(prefix string, problems []bal.Problem) {
	for _, q := range problems {
		q.Path = fieldpath.Join(prefix, q.Path)
		p.problems = append(p.problems, q)
	}
}

// Merge records the problems of err under prefix: a *bal.ValidationError
// contributes each of its problems; any other non-nil error becomes one
// problem with the given rule.
func (p *Problems) Merge(prefix, rule string, err error) {
	if err == nil {
		return
	}
	var v *bal.ValidationError
	if errors.As(err, &v) {
		p.AddTo(prefix, v.Problems)
		return
	}
	p.Add(prefix, rule, err.Error())
}

// Err returns the problems as a *bal.ValidationError, or nil when there is
// none. Use it as the last line of a Validate method.
func (p *Problems) Err() error {
	if len(p.problems) == 0 {
		return nil
	}
	return &bal.ValidationError{Object: p.object, Problems: p.problems}
}
