package bal

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"12-digit with hyphen", "personnummer 19121212-1212 i ärendet", "personnummer [masked] i ärendet"},
		{"12-digit plain", "pnr=191212121212,", "pnr=[masked],"},
		{"10-digit with hyphen", "ägare 121212-1212", "ägare [masked]"},
		{"10-digit with plus (over 100)", "ägare 121212+1212", "ägare [masked]"},
		{"10-digit plain", "id 1212121212 end", "id [masked] end"},
		{"samordningsnummer", "samordningsnr 701063-2391", "samordningsnr [masked]"},
		{"12-digit samordningsnummer", "197010632391.", "[masked]."},
		{"bare digits, wrong check digit (not taken for one)", "198110632391.", "198110632391."},
		{"two in a row", "19121212-1212,19121212-1212", "[masked],[masked]"},
		{"in xml", "<detalj>191212121212</detalj>", "<detalj>[masked]</detalj>"},
		{"bearer header", "Authorization: Bearer abc.DEF-123_x", "Authorization: Bearer [masked]"},
		{"basic header", "Authorization: Basic dGVzdDpzZWNyZXQ=", "Authorization: Basic [masked]"},
		{"jwt", "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here", "token [masked] here"},
		{"json access_token", `{"access_token":"opaque-123","expires_in":3600}`, `{"access_token":"[masked]","expires_in":3600}`},
		{"form client_secret", "grant_type=client_credentials&client_secret=abc123&x=1", "grant_type=client_credentials&client_secret=[masked]&x=1"},
		{"signed path", "GET /leverans/latest/files/byggnad_1.zip?sig=QWJjZGVm&exp=1764457200", "GET /leverans/latest/files/byggnad_1.zip?sig=[masked]&exp=1764457200"},
		// What must survive.
		{"uuid", "objektidentitet=39722cbb-f8b9-404b-a045-190101011234", "objektidentitet=39722cbb-f8b9-404b-a045-190101011234"},
		{"coordinates", "N 6542910.921 E 106894.103", "N 6542910.921 E 106894.103"},
		{"northing integer", "6542910921", "6542910921"},
		{"not a date", "1299999999 and 19129912-1234", "1299999999 and 19129912-1234"},
		{"inside a word", "ABC1212121212", "ABC1212121212"},
		{"longer digit run", "12345121212121212", "12345121212121212"},
		{"phone number", "070-1234567", "070-1234567"},
		{"sequence number", "sekvensnummer 10234", "sekvensnummer 10234"},
		{"lägenhetsnummer", "lgh 1102", "lgh 1102"},
		{"timestamp", "2026-11-22T10:15:00+01:00", "2026-11-22T10:15:00+01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, Redact(tt.in))
		})
	}
}

func TestClientRedactMasksItsOwnSecrets(t *testing.T) {
	t.Parallel()
	s := newSecrets()
	s.pin("shapeless-secret-42")
	s.pin("tok") // too short to mask safely
	assert.Equal(t, "echo [masked] and tok", s.redact("echo shapeless-secret-42 and tok"))
	for i := range 100 {
		s.token("token-number-" + string(rune('a'+i%26)) + string(rune('a'+i/26)))
	}
	assert.LessOrEqual(t, len(s.tokens), maxRememberedTokens)
	assert.Equal(t, "[masked]", s.redact("shapeless-secret-42"), "a pinned secret is never evicted")
	assert.Equal(t, "[masked]", s.redact("token-number-vd"), "the newest tokens are kept")
	assert.Equal(t, "[masked]", Redact("shapeless-secret-42"), "the process-wide set learns it too")
}

func TestSecretEncodingsAreMasked(t *testing.T) {
	t.Parallel()
	s := newSecrets()
	s.pin("a/b+c=d&e?f-secret")
	for _, in := range []string{
		"a/b+c=d&e?f-secret",
		"a%2Fb%2Bc%3Dd%26e%3Ff-secret", // a form or query echo
		`a\/b+c=d&e?f-secret`,          // JSON with escaped slashes
	} {
		assert.Equal(t, "x [masked] y", s.redact("x "+in+" y"), in)
	}
}

func TestClip(t *testing.T) {
	t.Parallel()
	s := newSecrets()
	const secret = "Zq7-shapeless-secret-value-1"
	s.pin(secret)
	filler := strings.Repeat("ord ", 20) // 80 bytes of plain words
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"short text only masked", "x " + secret + " y", 100, "x [masked] y"},
		{"secret straddling the cut is masked whole", filler + secret + " tail", 90, filler + "…"},
		{"identity number straddling the cut", filler + "19121212-1212 tail", 88, filler + "…"},
		{"a cut through a word drops the word", "alpha beta gamma-delta", 16, "alpha beta …"},
		{"a cut through the mask drops it", "ab " + secret, 9, "ab …"},
		{"a text just over the bound", "abcdef", 5, "…"},
		{"multi-byte runes are not split", "åäö åäö åäö", 10, "åäö …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := s.clip(tt.in, tt.n)
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, len(got), tt.n)
			assert.True(t, utf8.ValidString(got))
		})
	}
}

func TestTruncateMasksBeforeCutting(t *testing.T) {
	t.Parallel()
	// A server-chosen name (an XML element, a continuation) that is a
	// token: its head must not survive the cut.
	tok := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl"
	got := truncate(tok+strings.Repeat("x", 100), 40)
	assert.NotContains(t, got, tok[:8])
	assert.Equal(t, "root 19121212-1212", "root "+"19121212-1212")
	assert.Equal(t, "root …", truncate("root 19121212-1212 and more", 12))
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"19121212-1212", "121212+1212", "Bearer x", `"access_token":"y"`, "39722cbb-f8b9-404b-a045-190101011234", "ååå19121212-1212"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Redact(s)
		// Masking never panics and is idempotent: a masked string has nothing
		// left to mask, so masking it again (a logged error string) changes
		// nothing.
		assert.Equal(t, out, Redact(out))
	})
}
