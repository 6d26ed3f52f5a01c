package personal_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tjanstebaserad/bal-go/internal/personal"
)

func TestMaskIdentityNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		// Written as a personnummer: masked, check digit right or not.
		{"811228-9874", "[masked]"},
		{"19811228-9874", "[masked]"},
		{"811228-9875", "[masked]"}, // mistyped check digit
		{"121212+1212", "[masked]"}, // over 100 years old
		{"701063-2391", "[masked]"}, // samordningsnummer (day + 60)
		{"ring Anna (811228-9874) om det", "ring Anna ([masked]) om det"},
		{"a 811228-9874, b 19701063-2391.", "a [masked], b [masked]."},
		// Bare digits or a space: masked only with a right check digit.
		{"8112289874", "[masked]"},
		{"198112289874", "[masked]"},
		{"811228 9874", "[masked]"},
		{"8112289875", "8112289875"},
		{"0701234567", "0701234567"}, // a telephone number, check digit wrong
		// Not a date, or not standing alone.
		{"811328-9874", "811328-9874"},
		{"811232-9874", "811232-9874"},
		{"17811228-9874", "17811228-9874"},
		{"x811228-9874", "x811228-9874"},
		{"811228-98745", "811228-98745"},
		{"39722cbb-f8b9-404b-a045-811228987400", "39722cbb-f8b9-404b-a045-811228987400"},
		{"39722cbb-f8b9-404b-a045-c5e6175f1001", "39722cbb-f8b9-404b-a045-c5e6175f1001"},
		{"6 581 234.56 E 318 000.12", "6 581 234.56 E 318 000.12"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, personal.MaskIdentityNumbers(tc.in))
			assert.Equal(t, tc.want != tc.in, personal.ContainsIdentityNumber(tc.in))
		})
	}
}

func TestMaskBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"xml comment",
			`<Bristatgard><status>Avvisad</status><kommentar>Kontakta Anna Svensson</kommentar></Bristatgard>`,
			`<Bristatgard><status>Avvisad</status><kommentar>[masked]</kommentar></Bristatgard>`},
		{"xml prefix and attribute",
			`<u:anmarkningstext lang="sv">Ägare: Per Olsson</u:anmarkningstext><u:namn>Villa Solbacken</u:namn>`,
			`<u:anmarkningstext lang="sv">[masked]</u:anmarkningstext><u:namn>Villa Solbacken</u:namn>`},
		{"xml empty", `<kommentar></kommentar><kommentar/>`, `<kommentar></kommentar><kommentar/>`},
		{"xml cut off", `<kommentar>Anna Sv`, `<kommentar>[masked]`},
		{"json", `{"status":"Avvisad","kommentar":"Ring \"Anna\" på 811228-9874","namn":"Storgatan"}`,
			`{"status":"Avvisad","kommentar":"[masked]","namn":"Storgatan"}`},
		{"json spaces", `{"beskrivning" : "Per Olsson"}`, `{"beskrivning" : "[masked]"}`},
		{"personnummer anywhere", `<fastighet>811228-9874</fastighet>`, `<fastighet>[masked]</fastighet>`},
		{"names of places stay", `<faststalltNamn>Astrid Lindgrens väg</faststalltNamn>`, `<faststalltNamn>Astrid Lindgrens väg</faststalltNamn>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, string(personal.MaskBody([]byte(tc.in))))
		})
	}
}

func FuzzMaskBody(f *testing.F) {
	for _, s := range []string{
		`<kommentar>Anna</kommentar>`, `{"kommentar":"a\"b"}`, `811228-9874`, `<kommentar`, `{"kommentar":"`,
		strings.Repeat("<kommentar>", 50),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out := string(personal.MaskBody(b))
		if personal.ContainsIdentityNumber(out) {
			// Masking may join digits into a new number only through the mask
			// text, which holds no digits, so none may remain.
			t.Fatalf("identity number left in %q", out)
		}
	})
}
