package kaart

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// Checks on text values. Each returns "" when the value is fine, or a message
// a person understands. Normalising functions return the stored form.

var postcodePattern = regexp.MustCompile(`^([1-9][0-9]{3}) ?([A-Za-z]{2})$`)

// NormalizePostcode returns a Dutch postcode as "1234 AB". The letter
// combinations SA, SD and SS are never issued by PostNL.
func NormalizePostcode(s string) (string, string) {
	m := postcodePattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "is geen geldige Nederlandse postcode (zoals 3511 AB)"
	}
	letters := strings.ToUpper(m[2])
	switch letters {
	case "SA", "SD", "SS":
		return "", "bevat een lettercombinatie die niet als postcode bestaat (SA, SD of SS)"
	}
	return m[1] + " " + letters, ""
}

var (
	phoneShortGemeente = regexp.MustCompile(`^14\d{3,4}$`)                       // 14 030, 14 0492
	phoneService       = regexp.MustCompile(`^0(800|900|906|909)\d{4}(\d{3})?$`) // 0900-8844, 0800-0113
	phoneNational      = regexp.MustCompile(`^0[1-9]\d{8}$`)                     // 030 …, 06 …, 088 …
)

// NormalizeTelefoon accepts Dutch phone numbers in their usual written forms
// (030-1234567, 06 12345678, +31 6 12345678, 0031 30 …, 088 …, 14 030,
// 0900-8844, 0800-2000, 112) and returns them without spaces or dashes,
// international numbers as +31….
func NormalizeTelefoon(s string) (string, string) {
	trimmed := strings.TrimSpace(s)
	var digits strings.Builder
	for i, r := range trimmed {
		switch {
		case unicode.IsDigit(r):
			digits.WriteRune(r)
		case r == '+' && i == 0:
			digits.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return "", "is geen geldig telefoonnummer: alleen cijfers, spaties, streepjes en een + vooraan"
		}
	}
	d := digits.String()
	switch {
	case strings.HasPrefix(d, "+31"):
		d = "0" + strings.TrimPrefix(d, "+31")
	case strings.HasPrefix(d, "0031"):
		d = "0" + strings.TrimPrefix(d, "0031")
	case strings.HasPrefix(d, "+"):
		return "", "is geen Nederlands telefoonnummer (+31)"
	}
	d = strings.Replace(d, "0(0)", "0", 1)
	switch {
	case d == "112" || d == "113":
		return d, ""
	case phoneShortGemeente.MatchString(d), phoneService.MatchString(d):
		return d, ""
	case phoneNational.MatchString(d):
		return "+31" + d[1:], ""
	}
	return "", "is geen geldig Nederlands telefoonnummer (zoals 030 123 4567, 06 12345678, 14 030 of 0900-8844)"
}

// CheckEmail accepts a plain address with a domain that has a dot.
func CheckEmail(s string) string {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return "is geen geldig e-mailadres (zoals info@voorbeeld.nl)"
	}
	at := strings.LastIndex(s, "@")
	if at < 1 || !strings.Contains(s[at+1:], ".") {
		return "is geen geldig e-mailadres (zoals info@voorbeeld.nl)"
	}
	return ""
}

// CheckURL accepts absolute http and https addresses.
func CheckURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		return "is geen geldig webadres (zoals https://www.voorbeeld.nl)"
	}
	return ""
}

var kvkPattern = regexp.MustCompile(`^\d{8}$`)

// CheckKvK accepts an 8-digit KvK number.
func CheckKvK(s string) string {
	if !kvkPattern.MatchString(s) {
		return "is geen geldig KvK-nummer (8 cijfers)"
	}
	return ""
}

var cbsPatterns = map[string]*regexp.Regexp{
	"GEMEENTE": regexp.MustCompile(`^GM\d{4}$`),
	"WIJK":     regexp.MustCompile(`^WK\d{6}$`),
	"BUURT":    regexp.MustCompile(`^BU\d{8}$`),
}

// CheckCBSCode checks a CBS area code against the soort of the Gebied.
func CheckCBSCode(soort, code string) string {
	p, ok := cbsPatterns[soort]
	if !ok {
		return "hoort niet bij dit soort gebied: alleen gemeenten, wijken en buurten hebben een CBS-code"
	}
	if !p.MatchString(code) {
		switch soort {
		case "GEMEENTE":
			return "is geen geldige CBS-gemeentecode (zoals GM0344)"
		case "WIJK":
			return "is geen geldige CBS-wijkcode (zoals WK034401)"
		default:
			return "is geen geldige CBS-buurtcode (zoals BU03440000)"
		}
	}
	return ""
}

// CheckID accepts the ids this service hands out: letters, digits, '-' and '_'.
func CheckID(s string) string {
	if s == "" || len(s) > 100 {
		return "is geen geldige id"
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || (r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))) {
			return "is geen geldige id"
		}
	}
	return ""
}
