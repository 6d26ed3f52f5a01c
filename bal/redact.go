package bal

import (
	"regexp"
	"strings"
	"sync"
)

// Masked replaces every secret or personal identity number the SDK removes
// from log lines and error strings.
const Masked = "[masked]"

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
// samordningsnummer, 10 or 12 digits, with or without "-" or "+").
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
	return redactIdentityNumbers(s)
}

// redactIdentityNumbers masks digit runs shaped like a personnummer or
// samordningsnummer: YYMMDD[-+]NNNN or YYYYMMDD[-+]?NNNN where the date part
// is plausible (samordningsnummer add 60 to the day). The runs must stand
// alone (no letter or digit next to them) and not end a UUID, so object ids
// and coordinates are left alone.
func redactIdentityNumbers(s string) string {
	var b *strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && isAlnum(s[i-1])) {
			i++
			continue
		}
		end, ok := identityNumberAt(s, i)
		if !ok || (i > 0 && s[i-1] == '-' && endsUUIDPrefix(s[:i])) {
			// Skip the whole digit run so its tail is not tried again.
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteString(Masked)
		last = end
		i = end
	}
	if b == nil {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// identityNumberAt reports whether an identity number starts at s[i] and
// where it ends.
func identityNumberAt(s string, i int) (int, bool) {
	digits := func(j, n int) bool {
		if j+n > len(s) {
			return false
		}
		for k := j; k < j+n; k++ {
			if !isDigit(s[k]) {
				return false
			}
		}
		return true
	}
	standalone := func(end int) bool { return end == len(s) || !isAlnum(s[end]) }
	try := func(dateLen int) (int, bool) {
		if !digits(i, dateLen) {
			return 0, false
		}
		j := i + dateLen
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		if !digits(j, 4) || !standalone(j+4) {
			return 0, false
		}
		date := s[i : i+dateLen]
		if dateLen == 8 {
			if c := date[:2]; c != "18" && c != "19" && c != "20" {
				return 0, false
			}
			date = date[2:]
		}
		if !plausibleDate(date) {
			return 0, false
		}
		return j + 4, true
	}
	if end, ok := try(8); ok {
		return end, true
	}
	return try(6)
}

// plausibleDate checks YYMMDD with day 01–31, or 61–91 for a
// samordningsnummer.
func plausibleDate(d string) bool {
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	day := int(d[4]-'0')*10 + int(d[5]-'0')
	if month < 1 || month > 12 {
		return false
	}
	return (day >= 1 && day <= 31) || (day >= 61 && day <= 91)
}

// endsUUIDPrefix reports whether s ends with "xxxxxxxx-xxxx-xxxx-xxxx-".
func endsUUIDPrefix(s string) bool {
	const n = 24
	if len(s) < n {
		return false
	}
	p := s[len(s)-n:]
	for k := 0; k < n; k++ {
		switch k {
		case 8, 13, 18, 23:
			if p[k] != '-' {
				return false
			}
		default:
			if !isHex(p[k]) {
				return false
			}
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isAlnum(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
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
