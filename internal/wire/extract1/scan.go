package extract1

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/orisano/gosax"
)

// The scanner turns gosax's raw events into the tokens encoding/xml's
// Decoder.Token would return for the same bytes: the same element and
// attribute names (raw, and resolved against the namespace declarations in
// scope), the same decoded character data, and an error wherever
// encoding/xml reports one. gosax only finds token boundaries, quickly
// (eight bytes at a time); everything encoding/xml checks beyond that is
// checked here, following its rules rather than the XML specification where
// the two differ (it keeps unbound prefixes as the namespace name, accepts
// attributes without white space between them, does not normalise white
// space in attribute values). The differential tests hold the two to the
// same answers.
//
// Three things are deliberately stricter than encoding/xml, and say so with
// Error.Stricter: directives (<!DOCTYPE …>: an extract has no DTD, and
// encoding/xml would pass its entity declarations by without applying
// them), a comment that starts "<!--->" (gosax ends it early), and nesting
// deeper than maxDepth.

type tokKind uint8

const (
	tokNone tokKind = iota
	tokStart
	tokEnd
	tokText
	tokEOF
)

// nsID names an interned namespace name: a URI, or, as encoding/xml does for
// a prefix nothing declares, the prefix itself. 0 is "".
type nsID int32

const nsEmpty nsID = 0

// Well-known names, interned first in every scanner.
const (
	nsExtract nsID = iota + 1
	nsGML
	nsXMLNS
	nsXML
)

const xmlURL = "http://www.w3.org/XML/1998/namespace"

// maxDepth bounds element nesting. The deepest legitimate element (a ring
// of a polygon of a multi-surface in a building part in a Tillagg) is about
// a dozen levels down.
const maxDepth = 256

// maxNamespaces bounds the distinct namespace names one part may declare.
const maxNamespaces = 1024

// Default bounds.
const (
	// DefaultMaxTokenBytes bounds one token (a start tag, a run of text):
	// the longest legitimate one is the posList of a very large footprint.
	DefaultMaxTokenBytes = 64 << 20
	// DefaultMaxObjectBytes bounds one object element.
	DefaultMaxObjectBytes = 64 << 20
)

type rawAttr struct {
	prefix, local []byte // raw, valid until the next token
	value         []byte // decoded, valid until the next token
	space         nsID   // resolved
}

type binding struct {
	prefix string // "" for the default namespace
	ns     nsID
}

type openElem struct {
	qname    [2]int // raw qualified name in scanner.names
	local    int    // where the local part starts in it
	space    nsID   // the resolved namespace
	bindings int    // len(scanner.bindings) before the element's declarations
}

// scanner reads one XML document.
type scanner struct {
	sax *gosax.Reader
	src source

	off, line     int64 // where the next event starts
	tokOff        int64 // where the current token starts
	tokLine       int64
	pendingEnd    bool
	sawEOF        bool
	stack         []openElem
	names         []byte
	bindings      []binding
	internIdx     map[string]nsID
	internStr     []string
	validNameMemo map[string]bool

	// The current token.
	kind   tokKind
	prefix []byte // raw prefix of a start or end element, nil when none
	local  []byte // local name of a start or end element
	space  nsID   // resolved namespace of a start or end element
	attrs  []rawAttr
	text   []byte // decoded character data, valid until the text token after the next

	// Text alternates between two buffers, so that the previous text is
	// still there when the next arrives (a value split by a comment or a
	// CDATA section).
	textBufs [2][]byte
	textIdx  int
	attrBuf  []byte
}

// source feeds gosax and bounds how far it may read beyond the start of the
// token it is working on: gosax grows its window until a token is complete,
// so an endless text run would otherwise be held whole.
type source struct {
	r        io.Reader
	read     int64
	consumed int64
	max      int64
}

// errTokenTooLarge is what the source returns to gosax when a token grows
// beyond its bound; the scanner turns it into a located error.
var errTokenTooLarge = errors.New("token too large")

func (s *source) Read(p []byte) (int, error) {
	if s.read-s.consumed > s.max {
		return 0, errTokenTooLarge
	}
	// gosax treats a read of (0, nil) as the end of its window; insist on
	// progress as io.Reader allows a reader not to give it.
	for range 100 {
		n, err := s.r.Read(p)
		s.read += int64(n)
		if err != nil && !errors.Is(err, io.EOF) {
			err = readError{err}
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
	return 0, readError{io.ErrNoProgress}
}

// readError marks an error of the input itself (a corrupt archive, a
// failing disk), as against the errors gosax makes.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

func newScanner() *scanner {
	s := &scanner{
		sax:           gosax.NewReaderBuf(nil, make([]byte, 0, 64<<10)),
		internIdx:     map[string]nsID{},
		validNameMemo: map[string]bool{},
	}
	return s
}

// reset starts a new document from r. maxToken bounds one token.
func (s *scanner) reset(r io.Reader, maxToken int64) {
	if maxToken <= 0 {
		maxToken = DefaultMaxTokenBytes
	}
	s.src = source{r: r, max: maxToken + 64<<10}
	s.sax.Reset(&s.src)
	s.off, s.line, s.tokOff, s.tokLine = 0, 1, 0, 1
	s.pendingEnd, s.sawEOF = false, false
	s.stack, s.names, s.bindings = s.stack[:0], s.names[:0], s.bindings[:0]
	clear(s.internIdx)
	s.internStr = s.internStr[:0]
	for _, n := range []string{"", Namespace, gmlNamespace, "xmlns", xmlURL} {
		s.intern(n)
	}
	s.kind = tokNone
}

func (s *scanner) intern(n string) nsID {
	if id, ok := s.internIdx[n]; ok {
		return id
	}
	id := nsID(len(s.internStr))
	s.internIdx[n] = id
	s.internStr = append(s.internStr, n)
	return id
}

func (s *scanner) internBytes(b []byte) (nsID, error) {
	if id, ok := s.internIdx[string(b)]; ok {
		return id, nil
	}
	if len(s.internStr) >= maxNamespaces {
		return 0, s.tooLarge(fmt.Sprintf("more than %d namespace names", maxNamespaces))
	}
	return s.intern(string(b)), nil
}

// nsName returns the namespace name of id.
func (s *scanner) nsName(id nsID) string { return s.internStr[id] }

// depth is the number of open elements.
func (s *scanner) depth() int { return len(s.stack) }

// consumed is the input offset after the current token.
func (s *scanner) consumed() int64 { return s.off }

func (s *scanner) syntax(msg string) error {
	return &Error{Kind: KindSyntax, Line: s.tokLine, Offset: s.tokOff, Msg: msg}
}

func (s *scanner) stricter(msg string) error {
	return &Error{Kind: KindSyntax, Line: s.tokLine, Offset: s.tokOff, Msg: msg, Stricter: true}
}

func (s *scanner) tooLarge(msg string) error {
	return &Error{Kind: KindTooLarge, Line: s.tokLine, Offset: s.tokOff, Msg: msg, Stricter: true}
}

// next advances to the next start element, end element or character data,
// or to tokEOF after the last token. Comments and processing instructions
// are checked and skipped.
func (s *scanner) next() error {
	if s.pendingEnd {
		s.pendingEnd = false
		return s.endCurrent()
	}
	for {
		ev, err := s.sax.Event()
		if err != nil {
			return s.readErr(err)
		}
		b := ev.Bytes
		s.tokOff, s.tokLine = s.off, s.line
		s.off += int64(len(b))
		s.src.consumed = s.off
		// Lines are counted where newlines can be: in text (here) and in
		// the white space and attribute values of tags (as those are
		// parsed), not by a second pass over every token.
		// (and character data as it is decoded)
		if t := ev.Type(); t == gosax.EventComment || t == gosax.EventProcessingInstruction || t == gosax.EventDocType {
			s.line += int64(bytes.Count(b, []byte{'\n'}))
		}
		switch ev.Type() {
		case gosax.EventStart:
			return s.startTag(b)
		case gosax.EventEnd:
			return s.endTag(b)
		case gosax.EventText:
			return s.setText(b, modeText)
		case gosax.EventCData:
			const open, close = "<![CDATA[", "]]>"
			if len(b) < len(open)+len(close) || string(b[:len(open)]) != open {
				return s.syntax("invalid <![ sequence")
			}
			return s.setText(b[len(open):len(b)-len(close)], modeCDATA)
		case gosax.EventComment:
			if err := s.checkComment(b); err != nil {
				return err
			}
		case gosax.EventProcessingInstruction:
			if err := s.checkProcInst(b); err != nil {
				return err
			}
		case gosax.EventDocType:
			return s.stricter("directives (<!DOCTYPE …>) are not allowed in an extract")
		case gosax.EventEOF:
			if len(s.stack) > 0 {
				return s.syntax("unexpected EOF")
			}
			s.kind, s.sawEOF = tokEOF, true
			return nil
		default:
			return s.syntax("unexpected end of input")
		}
	}
}

func (s *scanner) readErr(err error) error {
	s.tokOff, s.tokLine = s.off, s.line
	switch {
	case errors.Is(err, io.EOF):
		return s.syntax("unexpected EOF")
	case errors.Is(err, errTokenTooLarge):
		return s.tooLarge(fmt.Sprintf("a token longer than %d bytes", s.src.max-64<<10))
	}
	var re readError
	if errors.As(err, &re) {
		return &Error{Kind: KindIO, Line: s.tokLine, Offset: s.tokOff, Msg: "reading", Err: re.err}
	}
	// Anything else is gosax's own error, and it makes one: "<!" followed
	// by something that is neither a comment, CDATA nor DOCTYPE, which
	// encoding/xml reads as a directive.
	return s.stricter("directives (<!…>) are not allowed in an extract")
}

func (s *scanner) checkComment(b []byte) error {
	// encoding/xml ends a comment at the first "--" after "<!--", which must
	// be followed by ">"; gosax at the first "-->" after "<!-". They agree
	// unless the comment begins "<!--->", which is refused here.
	if len(b) < len("<!---->") || string(b[:4]) != "<!--" {
		if len(b) >= 4 && string(b[:4]) == "<!--" {
			return s.stricter(`a comment beginning "<!--->"`)
		}
		return s.syntax("invalid sequence <!- not part of <!--")
	}
	body := b[4:]
	if i := bytes.Index(body, []byte("--")); i != len(body)-3 {
		return s.syntax(`invalid sequence "--" not allowed in comments`)
	}
	return nil
}

// checkProcInst lets encoding/xml itself judge a processing instruction: it
// checks the target name, and for <?xml …?> the version and encoding, and
// instructions are rare (one per document).
func (s *scanner) checkProcInst(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	if _, err := d.RawToken(); err != nil {
		return s.syntax("processing instruction: " + err.Error())
	}
	return nil
}

// startTag parses "<name attr='value' …>" or "<name …/>".
func (s *scanner) startTag(b []byte) error {
	body := b[1 : len(b)-1]
	i, raw, ok, err := s.readName(body, 0)
	if err != nil {
		return err
	}
	if !ok {
		return s.syntax("expected element name after <")
	}
	prefix, local := splitName(raw)
	s.attrs = s.attrs[:0]
	s.attrBuf = s.attrBuf[:0]
	selfClosing := false
	for {
		i = s.tagSpace(body, i)
		if i == len(body) {
			break
		}
		if body[i] == '/' {
			if i+1 != len(body) {
				return s.syntax("expected /> in element")
			}
			selfClosing = true
			break
		}
		j, aname, ok, err := s.readName(body, i)
		if err != nil {
			return err
		}
		if !ok {
			return s.syntax("expected attribute name in element")
		}
		i = s.tagSpace(body, j)
		if i == len(body) || body[i] != '=' {
			return s.syntax("attribute name without = in element")
		}
		i = s.tagSpace(body, i+1)
		if i == len(body) || body[i] != '"' && body[i] != '\'' {
			return s.syntax("unquoted or missing attribute value in element")
		}
		q := body[i]
		k := bytes.IndexByte(body[i+1:], q)
		if k < 0 {
			return s.syntax("unexpected EOF")
		}
		v, err := s.decodeChars(body[i+1:i+1+k], modeAttr, true)
		if err != nil {
			return err
		}
		ap, al := splitName(aname)
		s.attrs = append(s.attrs, rawAttr{prefix: ap, local: al, value: v})
		i += 1 + k + 1
	}
	if len(s.stack) >= maxDepth {
		return s.tooLarge(fmt.Sprintf("elements nested deeper than %d", maxDepth))
	}
	// Declarations first: they apply to the element's own name and
	// attributes.
	mark := len(s.bindings)
	for i := range s.attrs {
		a := &s.attrs[i]
		switch {
		case string(a.prefix) == "xmlns":
			id, err := s.internBytes(a.value)
			if err != nil {
				return err
			}
			s.bindings = append(s.bindings, binding{prefix: string(a.local), ns: id})
		case a.prefix == nil && string(a.local) == "xmlns":
			id, err := s.internBytes(a.value)
			if err != nil {
				return err
			}
			s.bindings = append(s.bindings, binding{ns: id})
		}
	}
	if s.space, err = s.resolve(prefix, local, true); err != nil {
		return err
	}
	for i := range s.attrs {
		a := &s.attrs[i]
		if a.space, err = s.resolve(a.prefix, a.local, false); err != nil {
			return err
		}
	}
	start := len(s.names)
	s.names = append(s.names, raw...)
	s.stack = append(s.stack, openElem{qname: [2]int{start, len(s.names)}, local: len(s.names) - len(local), space: s.space, bindings: mark})
	s.kind, s.prefix, s.local = tokStart, prefix, local
	s.pendingEnd = selfClosing
	return nil
}

// endTag parses "</name>". The name must be the open element's, which was
// checked when it started, so a plain byte comparison does for the common
// case; anything else gets encoding/xml's checks, to fail as it does.
func (s *scanner) endTag(b []byte) error {
	body := b[2 : len(b)-1]
	if len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		q := s.names[top.qname[0]:top.qname[1]]
		if len(body) >= len(q) && string(body[:len(q)]) == string(q) &&
			(len(body) == len(q) || s.tagSpace(body, len(q)) == len(body) && len(q) > 0) {
			return s.endCurrent()
		}
	}
	i, raw, ok, err := s.readName(body, 0)
	if err != nil {
		return err
	}
	if !ok {
		return s.syntax("expected element name after </")
	}
	if s.tagSpace(body, i) != len(body) {
		return s.syntax("invalid characters between </" + trunc(string(raw)) + " and >")
	}
	if len(s.stack) == 0 {
		return s.syntax("unexpected end element </" + trunc(string(raw)) + ">")
	}
	top := s.stack[len(s.stack)-1]
	return s.syntax("element <" + trunc(string(s.names[top.qname[0]:top.qname[1]])) + "> closed by </" + trunc(string(raw)) + ">")
}

// endCurrent makes the current token the end of the innermost open element
// and closes it.
func (s *scanner) endCurrent() error {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.bindings = s.bindings[:top.bindings]
	// The name stays readable in names until the next start tag.
	s.names = s.names[:top.qname[0]]
	q := s.names[top.qname[0]:top.qname[1]]
	s.local = q[top.local-top.qname[0]:]
	s.prefix = nil
	if top.local > top.qname[0] {
		s.prefix = q[:top.local-top.qname[0]-1]
	}
	s.space = top.space
	s.kind = tokEnd
	return nil
}

// resolve applies encoding/xml's namespace translation to a raw name.
func (s *scanner) resolve(prefix, local []byte, element bool) (nsID, error) {
	switch {
	case string(prefix) == "xmlns":
		return nsXMLNS, nil
	case prefix == nil && !element:
		return nsEmpty, nil
	case string(prefix) == "xml":
		return nsXML, nil
	case prefix == nil && string(local) == "xmlns":
		return nsEmpty, nil
	}
	for i := len(s.bindings) - 1; i >= 0; i-- {
		if s.bindings[i].prefix == string(prefix) {
			return s.bindings[i].ns, nil
		}
	}
	if prefix == nil {
		return nsEmpty, nil
	}
	return s.internBytes(prefix)
}

// readName reads a name starting at b[i] as encoding/xml does: the bytes
// up to the first single-byte character that cannot be in a name, then
// checked as a whole (isName). ok is false when there is no name at i, or
// when it has more than one colon (encoding/xml's nsname refuses those).
func (s *scanner) readName(b []byte, i int) (end int, name []byte, ok bool, err error) {
	j := i
	var high byte
	colons := 0
	for j < len(b) {
		c := b[j]
		if c < utf8.RuneSelf && !isNameByte[c] {
			break
		}
		high |= c
		if c == ':' {
			colons++
		}
		j++
	}
	if j == i {
		return i, nil, false, nil
	}
	name = b[i:j]
	// The loop saw only name bytes: an ASCII name is valid when it starts
	// as a name may.
	if high >= utf8.RuneSelf && !s.validName(name) || high < utf8.RuneSelf && !isNameStart[name[0]] {
		return j, nil, false, s.syntax("invalid XML name: " + trunc(string(name)))
	}
	if colons > 1 {
		return j, nil, false, nil
	}
	return j, name, true, nil
}

// validName is encoding/xml's isName for a name with non-ASCII characters,
// answered by encoding/xml itself and remembered: such names are rare.
func (s *scanner) validName(name []byte) bool {
	if ok, found := s.validNameMemo[string(name)]; found {
		return ok
	}
	// Colons do not change isName's answer, but more than one makes
	// encoding/xml refuse the name for another reason: take them out.
	probe := bytes.ReplaceAll(name, []byte{':'}, []byte{'_'})
	d := xml.NewDecoder(bytes.NewReader(append(append([]byte("<"), probe...), "/>"...)))
	_, err := d.RawToken()
	if len(s.validNameMemo) < 4096 {
		s.validNameMemo[string(name)] = err == nil
	}
	return err == nil
}

// splitName splits a qualified name as encoding/xml's nsname does: at its
// only colon, unless that leaves an empty prefix or local part.
func splitName(raw []byte) (prefix, local []byte) {
	c := bytes.IndexByte(raw, ':')
	if c <= 0 || c == len(raw)-1 {
		return nil, raw
	}
	return raw[:c], raw[c+1:]
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// tagSpace is skipSpace inside a tag, counting the lines it passes.
func (s *scanner) tagSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		default:
			return i
		}
		i++
	}
	return i
}

var isNameByte, isNameStart [256]bool

func init() {
	for c := 'A'; c <= 'Z'; c++ {
		isNameByte[c], isNameStart[c] = true, true
		isNameByte[c+'a'-'A'], isNameStart[c+'a'-'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		isNameByte[c] = true
	}
	for _, c := range "_:.-" {
		isNameByte[c] = true
	}
	isNameStart['_'], isNameStart[':'] = true, true
	for c := 0x20; c <= 0x7f; c++ {
		plainChar[c] = true
	}
	plainChar['\t'] = true
	for _, c := range "&]<\r" {
		plainChar[c] = false
	}
}

// plainChar marks the ASCII bytes character data may hold as they are.
var plainChar [256]bool

type charMode uint8

const (
	modeText charMode = iota
	modeAttr
	modeCDATA
)

func (s *scanner) setText(raw []byte, mode charMode) error {
	t, err := s.decodeChars(raw, mode, false)
	if err != nil {
		return err
	}
	s.kind, s.text = tokText, t
	return nil
}

// decodeChars checks and decodes character data as encoding/xml's text
// does: entity and character references (outside CDATA), \r\n and \r to
// \n, then every character valid UTF-8 in the XML character range, and no
// "]]>" in text or "<" in an attribute value. The result is copied into a
// buffer of the scanner: for an attribute valid until the next token, for
// text until the text token after the next.
func (s *scanner) decodeChars(raw []byte, mode charMode, attr bool) ([]byte, error) {
	rewrite := false
	var lines int64
	defer func() { s.line += lines }()
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if plainChar[c] {
				i++
				continue
			}
			switch c {
			case '\n':
				lines++
				i++
				continue
			case '&':
				if mode == modeCDATA {
					i++
					continue
				}
				rewrite = true
			case '\r':
				rewrite = true
			case ']':
				if mode == modeText && i+2 < len(raw) && raw[i+1] == ']' && raw[i+2] == '>' {
					return nil, s.syntax("unescaped ]]> not in CDATA section")
				}
				i++
				continue
			case '<':
				if mode == modeAttr {
					return nil, s.syntax("unescaped < inside quoted string")
				}
				i++
				continue
			default:
				return nil, s.syntax(fmt.Sprintf("illegal character code %U", rune(c)))
			}
			// The rest is checked as it is rewritten; count its lines here.
			lines += int64(bytes.Count(raw[i:], []byte{'\n'}))
			break
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			return nil, s.syntax("invalid UTF-8")
		}
		if !inCharRange(r) {
			return nil, s.syntax(fmt.Sprintf("illegal character code %U", r))
		}
		i += n
	}
	buf := &s.attrBuf
	if !attr {
		s.textIdx ^= 1
		buf = &s.textBufs[s.textIdx]
	}
	if !rewrite {
		start := len(*buf)
		if !attr {
			start = 0
			*buf = (*buf)[:0]
		}
		*buf = append(*buf, raw...)
		return (*buf)[start:len(*buf):len(*buf)], nil
	}
	return s.rewriteChars(raw, mode, buf, attr)
}

// rewriteChars is decodeChars's slow path, a transcription of encoding/xml's
// text loop.
func (s *scanner) rewriteChars(raw []byte, mode charMode, buf *[]byte, attr bool) ([]byte, error) {
	start := len(*buf)
	if !attr {
		start = 0
		*buf = (*buf)[:0]
	}
	out := *buf
	var b0, b1 byte
	for i := 0; i < len(raw); i++ {
		b := raw[i]
		if mode == modeText && b0 == ']' && b1 == ']' && b == '>' {
			return nil, s.syntax("unescaped ]]> not in CDATA section")
		}
		if mode == modeAttr && b == '<' {
			return nil, s.syntax("unescaped < inside quoted string")
		}
		if b == '&' && mode != modeCDATA {
			r, n, ok := charRef(raw[i:])
			if !ok {
				ent := raw[i:min(len(raw), i+n)]
				return nil, s.syntax("invalid character entity " + trunc(string(ent)))
			}
			out = utf8.AppendRune(out, r)
			i += n - 1
			b0, b1 = 0, 0
			continue
		}
		switch {
		case b == '\r':
			out = append(out, '\n')
		case b1 == '\r' && b == '\n':
		default:
			out = append(out, b)
		}
		b0, b1 = b1, b
	}
	*buf = out
	res := out[start:len(out):len(out)]
	for rest := res; len(rest) > 0; {
		r, n := utf8.DecodeRune(rest)
		if r == utf8.RuneError && n == 1 {
			return nil, s.syntax("invalid UTF-8")
		}
		if !inCharRange(r) {
			return nil, s.syntax(fmt.Sprintf("illegal character code %U", r))
		}
		rest = rest[n:]
	}
	return res, nil
}

// charRef decodes the reference at the start of b ("&amp;", "&#38;",
// "&#x26;") as encoding/xml does, and returns its length including the
// semicolon. A character reference beyond U+10FFFF or to a surrogate is as
// encoding/xml has it: the first refused, the second U+FFFD.
func charRef(b []byte) (rune, int, bool) {
	i := 1
	if i < len(b) && b[i] == '#' {
		i++
		base := 10
		if i < len(b) && b[i] == 'x' {
			base = 16
			i++
		}
		start := i
		for i < len(b) && ('0' <= b[i] && b[i] <= '9' || base == 16 && ('a' <= b[i] && b[i] <= 'f' || 'A' <= b[i] && b[i] <= 'F')) {
			i++
		}
		if i == len(b) || b[i] != ';' {
			return 0, i, false
		}
		n, err := strconv.ParseUint(string(b[start:i]), base, 64)
		if err != nil || n > utf8.MaxRune {
			return 0, i + 1, false
		}
		r := rune(n)
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return r, i + 1, true
	}
	start := i
	for i < len(b) && (b[i] >= utf8.RuneSelf || isNameByte[b[i]]) {
		i++
	}
	if i == len(b) || b[i] != ';' {
		return 0, i, false
	}
	var r rune
	switch string(b[start:i]) {
	case "lt":
		r = '<'
	case "gt":
		r = '>'
	case "amp":
		r = '&'
	case "apos":
		r = '\''
	case "quot":
		r = '"'
	default:
		return 0, i + 1, false
	}
	return r, i + 1, true
}

// inCharRange is the Char production of XML 1.0, as encoding/xml checks it.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// isSpace reports whether b is only XML white space.
func isSpace(b []byte) bool { return skipSpace(b, 0) == len(b) }

func trunc(s string) string {
	if len(s) <= 60 {
		return s
	}
	return s[:60] + "…"
}
