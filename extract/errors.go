package extract

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/tjanstebaserad/bal-go/internal/wire/extract1"
)

// The classes of error a Reader returns, for errors.Is. Every error from
// this package wraps one of them, except errors of the file system itself
// (a folder that cannot be read), which wrap those.
var (
	// ErrNotExtract: the input is not an extract: no part files, or a file
	// named as a part whose root element is not a part's.
	ErrNotExtract = errors.New("not an extract")
	// ErrMalformed: a part file is not well-formed XML, is cut off, or the
	// archive holding it is corrupt or truncated.
	ErrMalformed = errors.New("malformed extract")
	// ErrInvalid: well-formed, but not what an extract holds: an unknown or
	// repeated element, a value that does not parse (a number, an
	// identity, a geometry), parts that disagree with the manifest.
	ErrInvalid = errors.New("invalid extract")
	// ErrTooLarge: a size bound was exceeded (Options.MaxElementBytes,
	// nesting depth): the input is hostile or broken.
	ErrTooLarge = errors.New("extract element too large")
	// ErrIncomplete: part files are missing, or hold fewer entries than the
	// manifest lists: the delivery was not downloaded whole.
	ErrIncomplete = errors.New("incomplete extract")
	// ErrChangeExtract: Objects was asked for the objects of a change
	// extract, whose deletes it would lose; read it with Items.
	ErrChangeExtract = errors.New("a change extract has deletes: read it with Items")
)

// Error is an error located in an extract: the file, and for an error
// inside a part file the line and byte offset (of the uncompressed file)
// where the offending element starts, and the object it belongs to.
type Error struct {
	// Path is the file within the delivery, a part file inside an archive
	// as "byggnad/byggnad_1.zip/byggnad_1.xml"; for Open's own input, its
	// path.
	Path string
	// Line is the 1-based line of the offending element; 0 when the error
	// is not inside a part file.
	Line int64
	// Offset is the byte offset of the offending element in the
	// uncompressed part file.
	Offset int64
	// Element is the object element the error is in, e.g. "Byggnad", when
	// there is one.
	Element string
	// ID is the objektidentitet of that object, when it was read before
	// the error.
	ID string
	// Err says what is wrong; it wraps one of the Err… classes.
	Err error
}

func (e *Error) Error() string {
	s := "extract: " + e.Path
	if e.Line > 0 {
		s += ": line " + strconv.FormatInt(e.Line, 10) + " (offset " + strconv.FormatInt(e.Offset, 10) + ")"
	}
	if e.Element != "" {
		s += ": <" + e.Element + ">"
		if e.ID != "" {
			s += " " + e.ID
		}
	}
	return s + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// classed is an error message with its class (and maybe a cause).
type classed struct {
	class error
	msg   string
	cause error
}

func (c *classed) Error() string {
	s := c.msg
	if c.cause != nil {
		s += ": " + c.cause.Error()
	}
	return s + " (" + c.class.Error() + ")"
}

func (c *classed) Unwrap() []error {
	if c.cause != nil {
		return []error{c.class, c.cause}
	}
	return []error{c.class}
}

func newError(path string, class error, format string, args ...any) *Error {
	return &Error{Path: path, Err: &classed{class: class, msg: fmt.Sprintf(format, args...)}}
}

// partError turns an error of the part reader into an Error of path.
func partError(path string, err error) error {
	var e *extract1.Error
	if !errors.As(err, &e) {
		return &Error{Path: path, Err: &classed{class: ErrMalformed, msg: "reading", cause: err}}
	}
	out := &Error{Path: path, Line: e.Line, Offset: e.Offset, Element: e.Element, ID: e.ID}
	c := &classed{msg: e.Msg, cause: e.Err}
	switch e.Kind {
	case extract1.KindSyntax:
		c.class = ErrMalformed
	case extract1.KindRoot:
		c.class = ErrNotExtract
	case extract1.KindTooLarge:
		c.class = ErrTooLarge
	case extract1.KindIO:
		c.class = ioClass(e.Err)
		if c.class == nil {
			// Not a fault of the extract: the file system's error as it is.
			out.Err = fmt.Errorf("%s: %w", e.Msg, e.Err)
			return out
		}
	default:
		c.class = ErrInvalid
	}
	out.Err = c
	return out
}

// ioClass classes a read error: a corrupt or cut-off archive is
// ErrMalformed; other errors (the disk's) have no class.
func ioClass(err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &corrupt):
		return ErrMalformed
	}
	return nil
}
