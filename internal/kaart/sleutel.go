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
	// Cache, when set, keeps the viewers of verified keys (see
	// ToegangCache); nil verifies every request's key in the store.
	Cache *ToegangCache
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

// NieuweSleutel is what a new key is for.
type NieuweSleutel struct {
	Naam        string
	Rol         Rol
	Organisatie string
	Gemeente    string
	Gebieden    []string
	// GeldigTot, when set, is the moment the key stops working.
	GeldigTot *time.Time
}

// Create issues a key without an expiry date; see CreateAs.
func (s *Sleutels) Create(ctx context.Context, naam string, rol Rol, organisatie, gemeente string, gebieden []string) (string, Sleutel, error) {
	return s.create(ctx, NieuweSleutel{Naam: naam, Rol: rol, Organisatie: organisatie, Gemeente: gemeente, Gebieden: gebieden})
}

// create issues a key and returns its token, which is never stored and
// cannot be shown again. It returns ValidationErrors when the role's binding
// is incomplete or does not fit the role: a partner needs an organisatie, a
// regisseur a gemeente and at least one gebied, a beheerder optionally a
// gemeente (none means platform-wide); and when GeldigTot is not in the
// future.
func (s *Sleutels) create(ctx context.Context, n NieuweSleutel) (string, Sleutel, error) {
	k, errs := s.validate(n)
	if err := errs.Err(); err != nil {
		return "", Sleutel{}, err
	}
	return s.insert(ctx, k)
}

// insert stores a validated key with a fresh secret and returns its token.
func (s *Sleutels) insert(ctx context.Context, k Sleutel) (string, Sleutel, error) {
	token, hash := newSecret(k.ID)
	if err := s.Store.CreateSleutel(ctx, k, hash); err != nil {
		return "", Sleutel{}, fmt.Errorf("create sleutel: %w", err)
	}
	return token, k, nil
}

// validate checks n and returns the key it describes, with a fresh id.
func (s *Sleutels) validate(n NieuweSleutel) (Sleutel, ValidationErrors) {
	naam := strings.TrimSpace(n.Naam)
	organisatie, gemeente := n.Organisatie, n.Gemeente
	rol, gebieden := n.Rol, n.Gebieden
	var errs ValidationErrors
	switch {
	case naam == "":
		errs.Add("naam", "is verplicht: geef de sleutel een naam waaraan u hem later herkent")
	case utf8.RuneCountInString(naam) > maxSleutelNaam:
		errs.Add("naam", "mag hoogstens %d tekens lang zijn", maxSleutelNaam)
	}
	organisatie, gemeente, gebiedIDs := CheckBinding(&errs, rol, organisatie, gemeente, gebieden)
	now := s.now().UTC()
	var geldigTot *time.Time
	if n.GeldigTot != nil {
		t := n.GeldigTot.UTC()
		if !t.After(now) {
			errs.Add("geldigTot", "ligt niet in de toekomst: een sleutel die al verlopen is, werkt nooit")
		}
		geldigTot = &t
	}

	var id [sleutelIDBytes]byte
	// crypto/rand.Read never returns an error (it crashes the program
	// instead), so its results need no check.
	_, _ = rand.Read(id[:])
	return Sleutel{
		ID:          hex.EncodeToString(id[:]),
		Naam:        naam,
		Rol:         rol,
		Organisatie: organisatie,
		Gemeente:    gemeente,
		Gebieden:    gebiedIDs,
		Aangemaakt:  now,
		GeldigTot:   geldigTot,
	}, errs
}

// newSecret returns a token for key id with a fresh secret, and the hash of
// that secret, which is all that is stored.
func newSecret(id string) (string, []byte) {
	var secret [sleutelSecretBytes]byte
	_, _ = rand.Read(secret[:]) // never fails; see crypto/rand.Read
	hash := sha256.Sum256(secret[:])
	return sleutelPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(secret[:]), hash[:]
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
	if s.Cache == nil {
		v, _, err := s.authenticate(ctx, id, secret)
		return v, err
	}
	e, ok, gen := s.Cache.get(ctx, toegangSleutel, token)
	if ok {
		// The key's own expiry needs no read.
		if err := e.sleutel.verlopen(s.now()); err != nil {
			s.Cache.forget(toegangSleutel, token)
			return Viewer{}, err
		}
		return e.viewer, nil
	}
	v, k, err := s.authenticate(ctx, id, secret)
	if err != nil {
		return Viewer{}, err
	}
	s.Cache.put(toegangSleutel, token, toegangEntry{viewer: v, sleutel: k, gevuld: s.Cache.now()}, gen)
	return v, nil
}

// authenticate is Authenticate in the store: the key, its secret, its state
// and what it reaches.
func (s *Sleutels) authenticate(ctx context.Context, id string, secret []byte) (Viewer, Sleutel, error) {
	fail := func(err error) (Viewer, Sleutel, error) { return Viewer{}, Sleutel{}, err }
	k, stored, err := s.Store.SleutelByID(ctx, id)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return fail(errOngeldigeSleutel())
		}
		return fail(fmt.Errorf("authenticate sleutel %s: %w", id, err))
	}
	got := sha256.Sum256(secret)
	if subtle.ConstantTimeCompare(got[:], stored) != 1 {
		return fail(errOngeldigeSleutel())
	}
	// Only the holder of the full secret gets here, so saying that the key
	// was revoked tells nothing to someone guessing.
	if k.Ingetrokken != nil {
		return fail(Errorf(EUNAUTHENTICATED, "Deze API-sleutel is ingetrokken. Vraag een nieuwe aan bij de beheerder."))
	}
	if err := k.verlopen(s.now()); err != nil {
		return fail(err)
	}
	now := s.now().UTC()
	if k.LaatstGebruikt == nil || now.Sub(*k.LaatstGebruikt) >= touchInterval {
		if err := s.Store.TouchSleutel(ctx, k.ID, now); err != nil && s.Logger != nil {
			s.Logger.WarnContext(ctx, "record api key use", "sleutel", k.ID, "err", err)
		}
	}
	// What the key's binding reaches (an organisation tree, a werkgebied)
	// is resolved with the key; with a Cache it is kept as long as the key's
	// entry, and a change to those trees raises the toegangsversie, so it
	// counts within one Interval.
	v, err := ResolveViewer(ctx, s.Store, k.Viewer())
	if err != nil {
		return fail(err)
	}
	return v, k, nil
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
	// Other processes hear of it through the toegangsversie; this one
	// refuses the key at once.
	s.Cache.Flush()
	return nil
}

// Rotate gives a key a new secret, for the command line (which acts for the
// whole platform); see RotateAs.
func (s *Sleutels) Rotate(ctx context.Context, id string) (string, Sleutel, error) {
	return s.RotateAs(ctx, Viewer{Rol: Beheerder}, id)
}

// SleutelStatus says whether a key works.
type SleutelStatus string

const (
	SleutelActief      SleutelStatus = "ACTIEF"
	SleutelVerlopen    SleutelStatus = "VERLOPEN"
	SleutelIngetrokken SleutelStatus = "INGETROKKEN"
)

// Status says whether the key works at now.
func (k Sleutel) Status(now time.Time) SleutelStatus {
	switch {
	case k.Ingetrokken != nil:
		return SleutelIngetrokken
	case k.verlopen(now) != nil:
		return SleutelVerlopen
	}
	return SleutelActief
}

// verlopen returns UNAUTHENTICATED when the key's GeldigTot has passed.
// Like a revoked key, only the holder of the full secret is told.
func (k Sleutel) verlopen(now time.Time) error {
	if k.GeldigTot != nil && !now.Before(*k.GeldigTot) {
		return Errorf(EUNAUTHENTICATED, "Deze API-sleutel is verlopen sinds %s. Vraag een nieuwe aan bij de beheerder.",
			k.GeldigTot.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return nil
}

// Who manages which keys. This is the one rule for keys, next to
// ReadScope and WriteScope for records:
//   - the platform beheerder manages every key;
//   - the beheerder of a gemeente manages the keys bound to that gemeente
//     (its regisseurs and beheerders), never a platform-wide key;
//   - a partner manages the partner keys of its own organisation, so that a
//     partner system's key can be replaced without the gemeente;
//   - regisseurs and anonymous viewers manage none.
//
// A key outside the viewer's reach is answered as NOT_FOUND, the same as an
// unknown id, so that nobody learns which key ids exist elsewhere.

// mayManageSleutels refuses viewers who manage no keys at all.
func mayManageSleutels(v Viewer) error {
	switch {
	case !v.Authenticated():
		return Errorf(EUNAUTHENTICATED, "Log in of gebruik een API-sleutel om API-sleutels te beheren.")
	case v.Rol == Beheerder, v.Rol == Partner && v.Organisatie != "":
		return nil
	}
	return Errorf(EFORBIDDEN, "Alleen beheerders en partners beheren API-sleutels. Vraag een sleutel aan bij de beheerder van uw gemeente.")
}

// managesSleutel reports whether v may see, create, rotate and revoke k.
func (v Viewer) managesSleutel(k Sleutel) bool {
	switch v.Rol {
	case Beheerder:
		return v.Gemeente == "" || k.Gemeente == v.Gemeente
	case Partner:
		return v.Organisatie != "" && k.Rol == Partner && k.Organisatie == v.Organisatie
	}
	return false
}

// CreateAs issues a key on behalf of v and returns its token, which is never
// stored and cannot be shown again. Besides Create's validation, the new key
// must be one v manages: FORBIDDEN otherwise.
func (s *Sleutels) CreateAs(ctx context.Context, v Viewer, n NieuweSleutel) (string, Sleutel, error) {
	if err := mayManageSleutels(v); err != nil {
		return "", Sleutel{}, err
	}
	k, errs := s.validate(n)
	if err := errs.Err(); err != nil {
		return "", Sleutel{}, err
	}
	if !v.managesSleutel(k) {
		if v.Rol == Partner {
			return "", Sleutel{}, Errorf(EFORBIDDEN, "U kunt alleen partnersleutels maken voor uw eigen organisatie (%s).", v.Organisatie)
		}
		return "", Sleutel{}, Errorf(EFORBIDDEN, "U kunt alleen sleutels maken die aan uw gemeente (%s) gebonden zijn.", v.Gemeente)
	}
	return s.insert(ctx, k)
}

// ListAs returns the keys v manages, revoked ones included, newest first.
func (s *Sleutels) ListAs(ctx context.Context, v Viewer) ([]Sleutel, error) {
	if err := mayManageSleutels(v); err != nil {
		return nil, err
	}
	all, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []Sleutel
	for _, k := range all {
		if v.managesSleutel(k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// managed returns the key with id if v manages it, NOT_FOUND otherwise.
func (s *Sleutels) managed(ctx context.Context, v Viewer, id string) (Sleutel, error) {
	if err := mayManageSleutels(v); err != nil {
		return Sleutel{}, err
	}
	id = strings.TrimSpace(id)
	if msg := CheckID(id); msg != "" {
		return Sleutel{}, &Error{Code: EINVALID, Field: "id", Message: msg}
	}
	k, _, err := s.Store.SleutelByID(ctx, id)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return Sleutel{}, NotFound("API-sleutel", id)
		}
		return Sleutel{}, fmt.Errorf("get sleutel %s: %w", id, err)
	}
	if !v.managesSleutel(k) {
		return Sleutel{}, NotFound("API-sleutel", id)
	}
	return k, nil
}

// RotateAs gives a key v manages a new secret and returns the new token.
// The key keeps its id, binding and expiry; the old token stops working at
// once, with no overlap: a partner system switches by deploying the new
// token, and requests still in flight with the old one get UNAUTHENTICATED
// and are retried with the new one. A revoked or expired key cannot be
// rotated (CONFLICT): make a new one.
func (s *Sleutels) RotateAs(ctx context.Context, v Viewer, id string) (string, Sleutel, error) {
	k, err := s.managed(ctx, v, id)
	if err != nil {
		return "", Sleutel{}, err
	}
	now := s.now().UTC()
	switch k.Status(now) {
	case SleutelIngetrokken:
		return "", Sleutel{}, Errorf(ECONFLICT, "Deze API-sleutel is ingetrokken en kan niet meer geroteerd worden. Maak een nieuwe sleutel.")
	case SleutelVerlopen:
		return "", Sleutel{}, Errorf(ECONFLICT, "Deze API-sleutel is verlopen en kan niet meer geroteerd worden. Maak een nieuwe sleutel.")
	}
	token, hash := newSecret(k.ID)
	if err := s.Store.RotateSleutel(ctx, k.ID, hash, now); err != nil {
		return "", Sleutel{}, fmt.Errorf("rotate sleutel %s: %w", k.ID, err)
	}
	s.Cache.Flush()
	k.Geroteerd = &now
	return token, k, nil
}

// RevokeAs revokes a key v manages and returns it as it is now. Revoking
// a revoked key changes nothing.
func (s *Sleutels) RevokeAs(ctx context.Context, v Viewer, id string) (Sleutel, error) {
	k, err := s.managed(ctx, v, id)
	if err != nil {
		return Sleutel{}, err
	}
	if err := s.Revoke(ctx, k.ID); err != nil {
		return Sleutel{}, err
	}
	k, _, err = s.Store.SleutelByID(ctx, k.ID)
	if err != nil {
		return Sleutel{}, fmt.Errorf("get revoked sleutel %s: %w", id, err)
	}
	return k, nil
}

// StatusOf says whether k works now.
func (s *Sleutels) StatusOf(k Sleutel) SleutelStatus { return k.Status(s.now()) }
