package bal

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tjanstebaserad/bal-go/internal/personal"
)

// Masked replaces every secret or personal identity number the SDK removes
// from log lines and error strings.
const Masked = personal.Masked

// credentialPatterns find credentials by their shape, so that a token or key
// is masked even when the SDK did not issue it (a server echoing a header, a
// caller's own token source).
var credentialPatterns = []struct {
	// hints are words one of which the text holds (in lower case) when
	// the pattern can match: a cheap test that spares the regular
	// expression most texts.
	hints []string
	re    *regexp.Regexp
}{
	// Authorization header values and their echoes.
	{[]string{"bearer", "basic"}, regexp.MustCompile(`(?i)\b((?:bearer|basic)\s+)[A-Za-z0-9\-._~+/]+=*`)},
	// The gateway's ApiKey header and its echoes.
	{[]string{"apikey", "api-key"}, regexp.MustCompile(`(?i)\b(api-?key"?\s*[:=]\s*"?)[^"'&\s,;)<}]+`)},
	// JWTs, wherever they appear.
	{[]string{"eyj"}, regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`)},
	// OAuth2 fields in JSON, form and query encodings, and the signature of
	// a signed URL (Geotorget's file paths), which a file host may take as
	// its only credential.
	{[]string{"token", "secret", "password", "sig"},
		regexp.MustCompile(`(?i)("?(?:access_token|refresh_token|id_token|client_secret|password|token|sig|signature)"?\s*[:=]\s*"?)[^"'&\s,;)<}]+`)},
}

// Redact masks, in s, what must never reach a log or an error string:
// Authorization and ApiKey values, bearer and basic credentials, JWTs,
// OAuth2 token and secret fields, Swedish personal identity numbers
// (personnummer and samordningsnummer, 10 or 12 digits, with or without "-"
// or "+"; by the same rules as audit.MaskIdentityNumbers, so a number
// written without a separator is masked when its check digit is right), and
// the literal secrets of every Client in this process: their client
// secrets, Basic passwords, API keys and the tokens they used recently (a
// bounded set).
//
// Client.Redact masks the same, with the client's own secrets and tokens
// guaranteed to be among them.
func Redact(s string) string { return maskShapes(processSecrets.maskLiterals(s)) }

// maskShapes masks what has a recognisable shape.
func maskShapes(s string) string {
	lower := ""
	for _, p := range credentialPatterns {
		if lower == "" {
			lower = strings.ToLower(s)
		}
		hinted := false
		for _, h := range p.hints {
			hinted = hinted || strings.Contains(lower, h)
		}
		if !hinted {
			continue
		}
		re := p.re
		if !re.MatchString(s) {
			continue
		}
		lower = "" // s changes
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			sub := re.FindStringSubmatchIndex(m)
			// Keep the field name or scheme so the line stays readable.
			if len(sub) >= 4 && sub[2] >= 0 {
				return m[:sub[3]] + Masked
			}
			return Masked
		})
	}
	return personal.MaskIdentityNumbers(s)
}

// clip returns s masked by mask and at most n bytes long. Masking comes
// first, on a window somewhat longer than n, so that a secret or identity
// number that straddles the cut is masked whole instead of leaving its head
// behind; and where the text is cut, the word the cut runs through goes
// too, so that no part of anything split by the cut survives. A cut text
// ends in "…".
func clip(s string, n, margin int, mask func(string) string) string {
	if n <= len(ellipsis) {
		return ""
	}
	cut := false
	if len(s) > n+margin {
		s, cut = s[:runeStart(s, n+margin)], true
	}
	s = mask(s)
	if !cut && len(s) <= n {
		return s
	}
	s = s[:runeStart(s, n-len(ellipsis))]
	s = strings.TrimRightFunc(s, partOfWord)
	// A cut through the mask itself leaves its opening bracket.
	s = strings.TrimSuffix(s, "[")
	return s + ellipsis
}

const ellipsis = "…"

// truncate masks s with Redact and bounds it to n bytes, as clip does.
func truncate(s string, n int) string { return clip(s, n, processSecrets.margin(), Redact) }

// runeStart returns the largest i ≤ n (and ≤ len(s)) that starts a rune.
func runeStart(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// partOfWord reports the characters a credential, an encoded secret or an
// identity number may be made of: a cut leaves none of them at its end.
func partOfWord(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r >= 0x80:
		return true
	}
	return strings.ContainsRune("-._~+/=%\\", r)
}

// secrets remembers literal secrets to mask: configured ones (client
// secrets, Basic passwords and their encoded header, API keys), which are
// pinned, and the tokens handed out recently, of which it keeps a bounded
// number. Each is remembered in the encodings an echo may use (as is,
// query-escaped, JSON with escaped slashes).
type secrets struct {
	// parent, if set, learns every secret too: the process-wide set that
	// package-level Redact uses.
	parent *secrets
	// maxPinned bounds the pinned secrets (0: no bound); maxTokens the
	// recent tokens.
	maxPinned, maxTokens int

	mu     sync.RWMutex
	pinned []string
	tokens []string
	// sorted is pinned and tokens with their encodings, longest first, so
	// that a secret inside a longer one does not leave the rest behind;
	// index finds them by their first four bytes.
	sorted []string
	index  map[uint32][]int
}

// indexFrom is how many remembered forms make maskLiterals look them up by
// their first bytes instead of searching for each in turn.
const indexFrom = 16

func prefixKey(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// Bounds of the sets.
const (
	// maxRememberedTokens bounds one client's tokens: a long-running
	// process rotates its token every hour, and the oldest are long revoked.
	maxRememberedTokens = 32
	// processPinned and processTokens bound the process-wide set, which
	// every client of the process adds to.
	processPinned = 64
	processTokens = 64
	// minSecretLen: shorter values cannot be masked without mangling
	// ordinary text.
	minSecretLen = 6
	// maxSecretLen: longer values are not remembered (no credential is that
	// long; a hostile token source could otherwise make every mask slow).
	maxSecretLen = 4 << 10
)

// processSecrets holds the secrets of every Client in the process, so that
// Redact, which error strings run through, knows them too.
var processSecrets = &secrets{maxPinned: processPinned, maxTokens: processTokens}

func newSecrets() *secrets {
	return &secrets{parent: processSecrets, maxTokens: maxRememberedTokens}
}

// pin remembers configured secrets for as long as the set lives.
func (s *secrets) pin(vs ...string) {
	for _, v := range vs {
		s.add(v, true)
	}
}

// token remembers a token handed out or read from a shared store.
func (s *secrets) token(v string) { s.add(v, false) }

func (s *secrets) add(v string, pinned bool) {
	if len(v) < minSecretLen || len(v) > maxSecretLen {
		return
	}
	if s.parent != nil {
		s.parent.add(v, pinned)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.Contains(s.pinned, v) || slices.Contains(s.tokens, v) {
		return
	}
	if pinned {
		if s.maxPinned > 0 && len(s.pinned) >= s.maxPinned {
			s.pinned = slices.Delete(s.pinned, 0, 1)
		}
		s.pinned = append(s.pinned, v)
	} else {
		if len(s.tokens) >= s.maxTokens {
			s.tokens = slices.Delete(s.tokens, 0, 1)
		}
		s.tokens = append(s.tokens, v)
	}
	s.sorted = s.sorted[:0]
	for _, x := range slices.Concat(s.pinned, s.tokens) {
		s.sorted = appendEncodings(s.sorted, x)
	}
	slices.SortFunc(s.sorted, func(a, b string) int { return len(b) - len(a) })
	s.sorted = slices.Compact(s.sorted)
	s.index = nil
	if len(s.sorted) >= indexFrom {
		s.index = make(map[uint32][]int, len(s.sorted))
		for i, x := range s.sorted {
			k := prefixKey(x)
			s.index[k] = append(s.index[k], i)
		}
	}
}

// appendEncodings adds v and the forms an echo of it may take.
func appendEncodings(list []string, v string) []string {
	list = append(list, v)
	for _, e := range []string{url.QueryEscape(v), url.PathEscape(v), strings.ReplaceAll(v, "/", `\/`)} {
		if e != v {
			list = append(list, e)
		}
	}
	return list
}

// maskLiterals replaces every remembered secret in v.
func (s *secrets) maskLiterals(v string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.index == nil {
		for _, x := range s.sorted {
			if strings.Contains(v, x) {
				v = strings.ReplaceAll(v, x, Masked)
			}
		}
		return v
	}
	// Many secrets (the process-wide set): one pass over v, looking each
	// position's first four bytes up, the longest candidate first.
	var b *strings.Builder
	last := 0
	for i := 0; i+minSecretLen <= len(v); {
		match := 0
		for _, c := range s.index[prefixKey(v[i:])] {
			if x := s.sorted[c]; strings.HasPrefix(v[i:], x) {
				match = len(x)
				break
			}
		}
		if match == 0 {
			i++
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(v))
		}
		b.WriteString(v[last:i])
		b.WriteString(Masked)
		i += match
		last = i
	}
	if b == nil {
		return v
	}
	b.WriteString(v[last:])
	return b.String()
}

// longest returns the length of the longest remembered form.
func (s *secrets) longest() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.sorted) == 0 {
		return 0
	}
	return len(s.sorted[0])
}

// redact masks the client's own secrets, every other client's, and shapes.
func (s *secrets) redact(v string) string { return Redact(s.maskLiterals(v)) }

// clip masks v with redact and bounds it to n bytes (see clip).
func (s *secrets) clip(v string, n int) string { return clip(v, n, s.margin(), s.redact) }

// margin is how far past a cut clip masks: more than the longest literal
// secret known (to this set and to the process) and than an identity
// number.
func (s *secrets) margin() int {
	m := s.longest()
	if s.parent != nil {
		m = max(m, s.parent.longest())
	}
	return max(m, 64) + 16
}
