package kaart

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"
)

// API keys look like "sk_<id>_<secret>": id is sleutelIDBytes random bytes
// in lower-case hex (so it never contains "_"), secret is sleutelSecretBytes
// random bytes in unpadded base64url. Only sha256(secret) is stored.
const (
	sleutelPrefix      = "sk_"
	sleutelIDBytes     = 12
	sleutelSecretBytes = 32
	maxSleutelNaam     = 100
	// touchInterval bounds how often a key's LaatstGebruikt is written.
	touchInterval = time.Minute
)

var sleutelSecretLen = base64.RawURLEncoding.EncodedLen(sleutelSecretBytes)

// Sleutels issues and checks API keys. Its zero value is not usable: Store
// is required. Now defaults to time.Now and Logger to discarding logs.
type Sleutels struct {
	Store SleutelStore
	Now   func() time.Time
	// Logger receives failures that do not fail the request, such as a
	// LaatstGebruikt that could not be written.
	Logger *slog.Logger
}

func (s *Sleutels) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// ParseRol reads a role as people type it ("partner", "Regisseur"). The
// anonymous role is not a role a key can have, so it is refused.
func ParseRol(s string) (Rol, bool) {
	switch r := Rol(strings.ToUpper(strings.TrimSpace(s))); r {
	case Partner, Regisseur, Beheerder:
		return r, true
	}
	return "", false
}

// Create issues a key and returns its token, which is never stored and
// cannot be shown again. It returns ValidationErrors when the role's binding
// is incomplete or does not fit the role: a partner needs an organisatie, a
// regisseur a gemeente and at least one gebied, a beheerder optionally a
// gemeente (none means platform-wide).
func (s *Sleutels) Create(ctx context.Context, naam string, rol Rol, organisatie, gemeente string, gebieden []string) (string, Sleutel, error) {
	naam = strings.TrimSpace(naam)
	organisatie = strings.TrimSpace(organisatie)
	gemeente = strings.TrimSpace(gemeente)
	var errs ValidationErrors
	switch {
	case naam == "":
		errs.Add("naam", "is verplicht: geef de sleutel een naam waaraan u hem later herkent")
	case utf8.RuneCountInString(naam) > maxSleutelNaam:
		errs.Add("naam", "mag hoogstens %d tekens lang zijn", maxSleutelNaam)
	}
	var gebiedIDs []string
	for i, g := range gebieden {
		g = strings.TrimSpace(g)
		if msg := CheckID(g); msg != "" {
			errs.Add(fmt.Sprintf("gebieden[%d]", i), "%s", msg)
			continue
		}
		gebiedIDs = append(gebiedIDs, g)
	}
	checkID := func(field, id string) {
		if id != "" {
			if msg := CheckID(id); msg != "" {
				errs.Add(field, "%s", msg)
			}
		}
	}
	checkID("organisatie", organisatie)
	checkID("gemeente", gemeente)
	switch rol {
	case Partner:
		if organisatie == "" {
			errs.Add("organisatie", "is verplicht voor een partner: de sleutel werkt namens één organisatie")
		}
		if gemeente != "" {
			errs.Add("gemeente", "past niet bij een partner; alleen regisseurs en beheerders hebben een gemeente")
		}
		if len(gebieden) > 0 {
			errs.Add("gebieden", "passen niet bij een partner; alleen regisseurs hebben gebieden")
		}
	case Regisseur:
		if gemeente == "" {
			errs.Add("gemeente", "is verplicht voor een regisseur")
		}
		if len(gebieden) == 0 {
			errs.Add("gebieden", "is verplicht voor een regisseur: noem minstens één wijk of buurt")
		}
		if organisatie != "" {
			errs.Add("organisatie", "past niet bij een regisseur; alleen partners hebben een organisatie")
		}
	case Beheerder:
		if organisatie != "" {
			errs.Add("organisatie", "past niet bij een beheerder; alleen partners hebben een organisatie")
		}
		if len(gebieden) > 0 {
			errs.Add("gebieden", "passen niet bij een beheerder; een beheerder heeft een hele gemeente of het hele platform")
		}
	default:
		errs.Add("rol", "moet partner, regisseur of beheerder zijn")
	}
	if err := errs.Err(); err != nil {
		return "", Sleutel{}, err
	}

	var id [sleutelIDBytes]byte
	var secret [sleutelSecretBytes]byte
	// crypto/rand.Read never returns an error (it crashes the program
	// instead), so its results need no check.
	_, _ = rand.Read(id[:])
	_, _ = rand.Read(secret[:])
	hash := sha256.Sum256(secret[:])

	k := Sleutel{
		ID:          hex.EncodeToString(id[:]),
		Naam:        naam,
		Rol:         rol,
		Organisatie: organisatie,
		Gemeente:    gemeente,
		Gebieden:    gebiedIDs,
		Aangemaakt:  s.now().UTC(),
	}
	if err := s.Store.CreateSleutel(ctx, k, hash[:]); err != nil {
		return "", Sleutel{}, fmt.Errorf("create sleutel: %w", err)
	}
	token := sleutelPrefix + k.ID + "_" + base64.RawURLEncoding.EncodeToString(secret[:])
	return token, k, nil
}

// errOngeldigeSleutel is the one answer for a token that is malformed,
// unknown or wrong: which of these it was must not be visible to the caller.
func errOngeldigeSleutel() *Error {
	return Errorf(EUNAUTHENTICATED, "Deze API-sleutel is ongeldig. Controleer of u de volledige sleutel gebruikt, of vraag een nieuwe aan bij de beheerder.")
}

// parseToken splits a token into the key id and the secret's bytes.
func parseToken(token string) (string, []byte, bool) {
	rest, ok := strings.CutPrefix(token, sleutelPrefix)
	if !ok {
		return "", nil, false
	}
	id, secret, ok := strings.Cut(rest, "_")
	if !ok || len(id) != 2*sleutelIDBytes || len(secret) != sleutelSecretLen {
		return "", nil, false
	}
	if _, err := hex.DecodeString(id); err != nil || strings.ToLower(id) != id {
		return "", nil, false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(secret)
	if err != nil || len(b) != sleutelSecretBytes {
		return "", nil, false
	}
	return id, b, true
}

// Authenticate returns the viewer a token acts as. A malformed, unknown,
// wrong or revoked token gives UNAUTHENTICATED; other errors (the store
// being unavailable) are returned wrapped. It records the key's last use at
// most once per minute; failing to do so is logged, not returned.
func (s *Sleutels) Authenticate(ctx context.Context, token string) (Viewer, error) {
	id, secret, ok := parseToken(token)
	if !ok {
		return Viewer{}, errOngeldigeSleutel()
	}
	k, stored, err := s.Store.SleutelByID(ctx, id)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return Viewer{}, errOngeldigeSleutel()
		}
		return Viewer{}, fmt.Errorf("authenticate sleutel %s: %w", id, err)
	}
	got := sha256.Sum256(secret)
	if subtle.ConstantTimeCompare(got[:], stored) != 1 {
		return Viewer{}, errOngeldigeSleutel()
	}
	// Only the holder of the full secret gets here, so saying that the key
	// was revoked tells nothing to someone guessing.
	if k.Ingetrokken != nil {
		return Viewer{}, Errorf(EUNAUTHENTICATED, "Deze API-sleutel is ingetrokken. Vraag een nieuwe aan bij de beheerder.")
	}
	now := s.now().UTC()
	if k.LaatstGebruikt == nil || now.Sub(*k.LaatstGebruikt) >= touchInterval {
		if err := s.Store.TouchSleutel(ctx, k.ID, now); err != nil && s.Logger != nil {
			s.Logger.WarnContext(ctx, "record api key use", "sleutel", k.ID, "err", err)
		}
	}
	return k.Viewer(), nil
}

// List returns every key, revoked ones included. Hashes are never returned.
func (s *Sleutels) List(ctx context.Context) ([]Sleutel, error) {
	keys, err := s.Store.ListSleutels(ctx)
	if err != nil {
		return nil, fmt.Errorf("list sleutels: %w", err)
	}
	return keys, nil
}

// Revoke makes a key unusable from the next request on. It returns
// NOT_FOUND for an unknown id.
func (s *Sleutels) Revoke(ctx context.Context, id string) error {
	id = strings.TrimSpace(id)
	if msg := CheckID(id); msg != "" {
		return &Error{Code: EINVALID, Field: "id", Message: msg}
	}
	if err := s.Store.RevokeSleutel(ctx, id); err != nil {
		return fmt.Errorf("revoke sleutel %s: %w", id, err)
	}
	return nil
}
