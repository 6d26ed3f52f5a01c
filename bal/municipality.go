package bal

import "fmt"

// MunicipalityCode is a kommunkod: four digits, the first two of which are
// the county (län) code, e.g. "0180" Stockholm, "2180" Gävle.
type MunicipalityCode string

// counties are the län codes in use since 1998 (Skåne 12 and Västra Götaland
// 14 replaced the older counties 11, 15 and 16).
var counties = map[string]string{
	"01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län", "05": "Östergötlands län",
	"06": "Jönköpings län", "07": "Kronobergs län", "08": "Kalmar län", "09": "Gotlands län",
	"10": "Blekinge län", "12": "Skåne län", "13": "Hallands län", "14": "Västra Götalands län",
	"17": "Värmlands län", "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
	"21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
	"24": "Västerbottens län", "25": "Norrbottens län",
}

// ParseMunicipalityCode checks s and returns it as a MunicipalityCode.
func ParseMunicipalityCode(s string) (MunicipalityCode, error) {
	c := MunicipalityCode(s)
	if err := c.Validate(); err != nil {
		return "", err
	}
	return c, nil
}

// Validate reports whether c is four digits with a county code in use.
func (c MunicipalityCode) Validate() error {
	if len(c) != 4 {
		return fmt.Errorf("bal: kommunkod %q: want 4 digits", truncate(string(c), 12))
	}
	for _, r := range c {
		if r < '0' || r > '9' {
			return fmt.Errorf("bal: kommunkod %q: want 4 digits", string(c))
		}
	}
	if _, ok := counties[string(c[:2])]; !ok {
		return fmt.Errorf("bal: kommunkod %q: %q is not a county (län) code in use", string(c), string(c[:2]))
	}
	return nil
}

// County returns the county code (the first two digits), or "" if c is
// shorter than that.
func (c MunicipalityCode) County() string {
	if len(c) < 2 {
		return ""
	}
	return string(c[:2])
}

// CountyName returns the county's name, e.g. "Gävleborgs län", or "" when the
// county code is not one in use.
func (c MunicipalityCode) CountyName() string { return counties[c.County()] }
