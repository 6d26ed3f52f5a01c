package extract1

import (
	"fmt"
	"strconv"
)

// Kind classifies an Error.
type Kind uint8

// The kinds of Error.
const (
	// KindSyntax: the input is not well-formed XML (or is cut off).
	KindSyntax Kind = iota + 1
	// KindStructure: well-formed, but not the elements of an extract: the
	// wrong root, an unknown or repeated element, text where elements
	// belong.
	KindStructure
	// KindValue: an element's value does not parse (a number, a boolean,
	// a geometry).
	KindValue
	// KindTooLarge: a bound on sizes was exceeded.
	KindTooLarge
	// KindIO: the input could not be read (a corrupt archive, a failing
	// disk); Err says why.
	KindIO
	// KindRoot: the document is not a part file (its root element is
	// another, or its header is not a part's).
	KindRoot
)

func (k Kind) String() string {
	switch k {
	case KindSyntax:
		return "malformed xml"
	case KindStructure:
		return "invalid structure"
	case KindValue:
		return "invalid value"
	case KindTooLarge:
		return "too large"
	case KindIO:
		return "read error"
	case KindRoot:
		return "not a part file"
	}
	return "error"
}

// Error is an error in a part file, located by line and byte offset (of the
// uncompressed file) where the offending token starts.
type Error struct {
	// Kind classifies the error.
	Kind Kind
	// Line is the 1-based line of the offending token.
	Line int64
	// Offset is the byte offset of the offending token.
	Offset int64
	// Element is the object element being read ("Byggnad"), when there is
	// one.
	Element string
	// ID is the objektidentitet of that object, when it was read before
	// the error.
	ID string
	// Msg says what is wrong.
	Msg string
	// Stricter is set when encoding/xml, decoding the same bytes into the
	// update1 structs, would have accepted them: the extract's reader is
	// stricter on purpose (unknown and repeated elements, text between
	// elements, directives, bounds).
	Stricter bool
	// Err is the underlying error, if any.
	Err error
}

func (e *Error) Error() string {
	s := "line " + strconv.FormatInt(e.Line, 10) + " (offset " + strconv.FormatInt(e.Offset, 10) + ")"
	if e.Element != "" {
		s += ": <" + e.Element + ">"
		if e.ID != "" {
			s += " " + e.ID
		}
	}
	s += ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func (d *decoder) structural(msg string, args ...any) error {
	return &Error{Kind: KindStructure, Line: d.s.tokLine, Offset: d.s.tokOff, Msg: fmt.Sprintf(msg, args...), Stricter: true}
}

func (d *decoder) value(err error, msg string, args ...any) error {
	return &Error{Kind: KindValue, Line: d.s.tokLine, Offset: d.s.tokOff, Msg: fmt.Sprintf(msg, args...), Err: err}
}
