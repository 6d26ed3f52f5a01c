// Package personal finds personal data in text, for the two places that
// must keep it out: the client's log lines and error strings (package bal)
// and the audit record (package audit). Both mask a Swedish personal
// identity number by the same rules, and the client's body logging masks
// the free-text fields of BAL and NGP documents as the audit package does,
// so the rules live here once.
package personal

import "strings"

// Masked replaces a personal identity number or a free-text field.
const Masked = "[masked]"

// MaskIdentityNumbers returns s with every Swedish personal identity number
// (personnummer or samordningsnummer) replaced by Masked.
//
// The shapes recognised are YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN and the
// same without the separator or with a space before the last four, with a
// plausible date (month 01–12, day 01–31, or 61–91 for a
// samordningsnummer; a 12-digit form starts with 18, 19 or 20), standing
// alone (no letter or digit next to it) and not the tail of a UUID. A
// number written without "-" or "+" (bare digits, or a space before the
// last four) is masked only when its check digit passes the Luhn test: that
// keeps telephone numbers, order numbers and other digit runs of the same
// length readable, while anything written the way a personnummer is
// written is masked whether or not its check digit is right, since a
// mistyped personnummer still points at a person.
func MaskIdentityNumbers(s string) string {
	var b *strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && isAlnum(s[i-1])) {
			i++
			continue
		}
		end, ok := identityNumberAt(s, i)
		if !ok || (i > 0 && s[i-1] == '-' && endsUUIDPrefix(s[:i])) {
			// Skip the whole digit run so that its tail is not tried again.
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
		last, i = end, end
	}
	if b == nil {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// ContainsIdentityNumber reports whether s holds a personal identity number
// by the rules of MaskIdentityNumbers.
func ContainsIdentityNumber(s string) bool { return MaskIdentityNumbers(s) != s }

// identityNumberAt reports whether an identity number starts at s[i], and
// where it ends.
func identityNumberAt(s string, i int) (int, bool) {
	if end, ok := identityNumberOfLength(s, i, 8); ok {
		return end, true
	}
	return identityNumberOfLength(s, i, 6)
}

func identityNumberOfLength(s string, i, dateLen int) (int, bool) {
	if !allDigits(s, i, dateLen) {
		return 0, false
	}
	j := i + dateLen
	sep := byte(0)
	if j < len(s) && (s[j] == '-' || s[j] == '+' || s[j] == ' ') {
		sep = s[j]
		j++
	}
	if !allDigits(s, j, 4) || (j+4 < len(s) && isAlnum(s[j+4])) {
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
	if (sep == 0 || sep == ' ') && !luhn(date+s[j:j+4]) {
		return 0, false
	}
	return j + 4, true
}

// luhn checks the personnummer's check digit: the ten digits YYMMDDNNNN,
// weighted 2, 1, 2, 1 … from the left, digit sums added, make a multiple of
// ten.
func luhn(ten string) bool {
	sum := 0
	for k := 0; k < len(ten); k++ {
		d := int(ten[k] - '0')
		if k%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// plausibleDate checks YYMMDD: month 01–12, day 01–31, or 61–91 for a
// samordningsnummer.
func plausibleDate(d string) bool {
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	day := int(d[4]-'0')*10 + int(d[5]-'0')
	if month < 1 || month > 12 {
		return false
	}
	return (day >= 1 && day <= 31) || (day >= 61 && day <= 91)
}

func allDigits(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return true
}

// endsUUIDPrefix reports whether s ends with "xxxxxxxx-xxxx-xxxx-xxxx-", so
// that the last group of an object id is not taken for a personnummer.
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
