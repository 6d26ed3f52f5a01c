package bal

import (
	"regexp"
	"strings"
	"sync"

	"github.com/tjanstebaserad/bal-go/internal/personal"
)

// Masked replaces every secret or personal identity number the SDK removes
// from log lines and error strings.
const Masked = personal.Masked

// credentialPatterns find credentials by their shape, so that a token or key
// is masked even when the SDK did not issue it (a server echoing a header, a
// caller's own token source).
var credentialPatterns = []*regexp.Regexp{
	// Authorization header values and their echoes.
	regexp.MustCompile(`(?i)\b((?:bearer|basic)\s+)[A-Za-z0-9\-._~+/]+=*`),
	// JWTs, wherever they appear.
	regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`),
	// OAuth2 fields in JSON, form and query encodings, and the signature of
	// a signed URL (Geotorget's file paths), which a file host may take as
	// its only credential.
	regexp.MustCompile(`(?i)("?(?:access_token|refresh_token|id_token|client_secret|password|token|sig|signature)"?\s*[:=]\s*"?)[^"&\s,}]+`),
}

// Redact masks, in s, what must never reach a log or an error string:
// Authorization values, bearer and basic credentials, JWTs, OAuth2 token and
// secret fields, and Swedish personal identity numbers (personnummer and
// samordningsnummer, 10 or 12 digits, with or without "-" or "+"; by the
// same rules as audit.MaskIdentityNumbers, so a number written without a
// separator is masked when its check digit is right).
//
// Client.Redact masks in addition the client's own secret and tokens, which
// have no recognisable shape.
func Redact(s string) string {
	for _, re := range credentialPatterns {
		if !re.MatchString(s) {
			continue
		}
		re := re
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

// secrets remembers the literal secrets one client must mask: its client
// secret and every token it has been handed. They are kept so that an echo
// of any of them, in any shape, is masked.
type secrets struct {
	mu   sync.RWMutex
	list []string
}

// maxRememberedSecrets bounds the list: a long-running process rotates its
// token every hour, and the oldest tokens are long revoked.
const maxRememberedSecrets = 32

func (s *secrets) add(v string) {
	if len(v) < 6 { // too short to mask without mangling ordinary text
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.list {
		if x == v {
			return
		}
	}
	if len(s.list) >= maxRememberedSecrets {
		// Keep the first entry (the client secret) and drop the oldest token.
		copy(s.list[1:], s.list[2:])
		s.list = s.list[:len(s.list)-1]
	}
	s.list = append(s.list, v)
}

func (s *secrets) redact(v string) string {
	s.mu.RLock()
	for _, x := range s.list {
		if strings.Contains(v, x) {
			v = strings.ReplaceAll(v, x, Masked)
		}
	}
	s.mu.RUnlock()
	return Redact(v)
}
