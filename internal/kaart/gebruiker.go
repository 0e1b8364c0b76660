package kaart

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Gebruiker is a person who logs in (OpenID Connect or the development
// login). Like an API key, a gebruiker acts as one Viewer: a role with its
// binding. People are registered beforehand by a beheerder; a login of
// someone unknown is refused, never provisioned.
type Gebruiker struct {
	ID string
	// Issuer and Subject identify the person at the identity provider. Both
	// are empty for someone registered by e-mail who has not logged in yet.
	Issuer  string
	Subject string
	Email   string
	Naam    string

	Rol         Rol
	Organisatie string
	Gemeente    string
	Gebieden    []string

	Aangemaakt     time.Time
	LaatstIngelogd *time.Time
}

// Viewer returns the viewer this person acts as.
func (g Gebruiker) Viewer() Viewer {
	return Viewer{
		Rol: g.Rol, Organisatie: g.Organisatie, Gemeente: g.Gemeente, Gebieden: g.Gebieden,
		GebruikerID: g.ID, Naam: g.Naam + " (" + RolNaam(g.Rol) + ")",
	}
}

// RolNaam is the Dutch word for a role, as shown to people.
func RolNaam(r Rol) string {
	switch r {
	case Partner:
		return "partner"
	case Regisseur:
		return "wijkregisseur"
	case Beheerder:
		return "beheerder"
	}
	return "anoniem"
}

// NieuweGebruiker is what a beheerder gives to register a person.
type NieuweGebruiker struct {
	Email       string
	Naam        string
	Issuer      string // optional: with Subject, binds the person to one provider account now
	Subject     string
	Rol         Rol
	Organisatie string
	Gemeente    string
	Gebieden    []string
}

// Sessie is a logged-in browser. Only the hash of its id is stored; the id
// itself lives in the browser's cookie.
type Sessie struct {
	Hash           []byte
	GebruikerID    string
	CSRF           string // per-session token forms and GraphQL POSTs must echo
	Aangemaakt     time.Time
	Verloopt       time.Time // absolute end
	LaatstGebruikt time.Time // for the idle timeout
}

// LoginPoging is an OpenID Connect login in progress, kept between the
// redirect to the provider and the callback, and usable once.
type LoginPoging struct {
	StateHash []byte
	Nonce     string
	Verifier  string // PKCE code verifier
	Terug     string // local path to return to
	Verloopt  time.Time
}

// GebruikerStore keeps people, their sessions and logins in progress.
type GebruikerStore interface {
	// CreateGebruiker returns CONFLICT when the e-mail address or the
	// (issuer, subject) pair is already registered.
	CreateGebruiker(ctx context.Context, g Gebruiker) error
	// GebruikerByID returns NOT_FOUND when unknown.
	GebruikerByID(ctx context.Context, id string) (Gebruiker, error)
	// GebruikerBySubject returns NOT_FOUND when unknown.
	GebruikerBySubject(ctx context.Context, issuer, subject string) (Gebruiker, error)
	// BindGebruiker sets issuer and subject of a person registered by
	// e-mail who has none yet; NOT_FOUND when there is no such person.
	BindGebruiker(ctx context.Context, email, issuer, subject string) (Gebruiker, error)
	ListGebruikers(ctx context.Context) ([]Gebruiker, error)
	// RemoveGebruiker removes the person and ends their sessions; NOT_FOUND when unknown.
	RemoveGebruiker(ctx context.Context, id string) error
	// UpsertGebruiker creates or replaces the person with g's (issuer,
	// subject), keeping its id; for the development login's fixed people.
	UpsertGebruiker(ctx context.Context, g Gebruiker) (Gebruiker, error)
	RecordLogin(ctx context.Context, id string, at time.Time) error

	CreateSessie(ctx context.Context, s Sessie) error
	// SessieByHash returns NOT_FOUND when unknown.
	SessieByHash(ctx context.Context, hash []byte) (Sessie, error)
	TouchSessie(ctx context.Context, hash []byte, at time.Time) error
	DeleteSessie(ctx context.Context, hash []byte) error

	CreateLoginPoging(ctx context.Context, p LoginPoging) error
	// TakeLoginPoging returns and deletes the attempt, so a state works
	// once; NOT_FOUND when unknown or already taken.
	TakeLoginPoging(ctx context.Context, stateHash []byte) (LoginPoging, error)
}

// Default session lifetimes: a working day, and an hour without use.
const (
	DefaultSessieDuur     = 10 * time.Hour
	DefaultSessieInactief = time.Hour
	sessieTouchInterval   = time.Minute
	maxGebruikerNaam      = 100
)

// Gebruikers registers people and keeps their sessions. Store is required;
// the durations default to DefaultSessieDuur and DefaultSessieInactief.
type Gebruikers struct {
	Store    GebruikerStore
	Now      func() time.Time
	Duur     time.Duration
	Inactief time.Duration
	// Cache, when set, keeps the viewers of verified sessions (see
	// ToegangCache); nil reads every request's session from the store.
	Cache *ToegangCache
}

func (s *Gebruikers) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// CheckBinding checks that a role's binding is complete and fits the role:
// a partner needs an organisatie, a regisseur a gemeente and at least one
// gebied, a beheerder optionally a gemeente (none means platform-wide). The
// same rules bind API keys (Sleutels.Create). It returns the trimmed ids.
func CheckBinding(errs *ValidationErrors, rol Rol, organisatie, gemeente string, gebieden []string) (string, string, []string) {
	organisatie = strings.TrimSpace(organisatie)
	gemeente = strings.TrimSpace(gemeente)
	var ids []string
	for i, g := range gebieden {
		g = strings.TrimSpace(g)
		if msg := CheckID(g); msg != "" {
			errs.Add(fmt.Sprintf("gebieden[%d]", i), "%s", msg)
			continue
		}
		ids = append(ids, g)
	}
	for _, f := range [][2]string{{"organisatie", organisatie}, {"gemeente", gemeente}} {
		if f[1] != "" {
			if msg := CheckID(f[1]); msg != "" {
				errs.Add(f[0], "%s", msg)
			}
		}
	}
	switch rol {
	case Partner:
		if organisatie == "" {
			errs.Add("organisatie", "is verplicht voor een partner: hij werkt namens één organisatie")
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
	return organisatie, gemeente, ids
}

// NormalizeEmail returns the address in the form it is stored and matched:
// trimmed and lower case.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Add registers a person. It returns ValidationErrors for a missing or
// malformed e-mail address or name, or a binding that does not fit the
// role, and CONFLICT when the e-mail address or account is taken.
func (s *Gebruikers) Add(ctx context.Context, in NieuweGebruiker) (Gebruiker, error) {
	var errs ValidationErrors
	email := NormalizeEmail(in.Email)
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		errs.Add("email", "is geen geldig e-mailadres (bijvoorbeeld naam@gemeente.nl)")
	}
	naam := strings.TrimSpace(in.Naam)
	switch {
	case naam == "":
		errs.Add("naam", "is verplicht: de naam waaronder de geschiedenis deze persoon noemt")
	case utf8.RuneCountInString(naam) > maxGebruikerNaam:
		errs.Add("naam", "mag hoogstens %d tekens lang zijn", maxGebruikerNaam)
	}
	issuer, subject := strings.TrimSpace(in.Issuer), strings.TrimSpace(in.Subject)
	if (issuer == "") != (subject == "") {
		errs.Add("subject", "geef issuer en subject samen, of geen van beide (dan koppelt de eerste login via het geverifieerde e-mailadres)")
	}
	org, gemeente, gebieden := CheckBinding(&errs, in.Rol, in.Organisatie, in.Gemeente, in.Gebieden)
	if err := errs.Err(); err != nil {
		return Gebruiker{}, err
	}
	var id [12]byte
	_, _ = rand.Read(id[:]) // crypto/rand.Read never fails
	g := Gebruiker{
		ID: "gebr-" + hex.EncodeToString(id[:]), Issuer: issuer, Subject: subject, Email: email, Naam: naam,
		Rol: in.Rol, Organisatie: org, Gemeente: gemeente, Gebieden: gebieden, Aangemaakt: s.now(),
	}
	if err := s.Store.CreateGebruiker(ctx, g); err != nil {
		return Gebruiker{}, fmt.Errorf("create gebruiker: %w", err)
	}
	return g, nil
}

// List returns every registered person.
func (s *Gebruikers) List(ctx context.Context) ([]Gebruiker, error) {
	out, err := s.Store.ListGebruikers(ctx)
	if err != nil {
		return nil, fmt.Errorf("list gebruikers: %w", err)
	}
	return out, nil
}

// Remove removes a person and ends their sessions at once.
func (s *Gebruikers) Remove(ctx context.Context, id string) error {
	id = strings.TrimSpace(id)
	if msg := CheckID(id); msg != "" {
		return &Error{Code: EINVALID, Field: "id", Message: msg}
	}
	if err := s.Store.RemoveGebruiker(ctx, id); err != nil {
		return fmt.Errorf("remove gebruiker %s: %w", id, err)
	}
	s.Cache.Flush()
	return nil
}

// errGeenToegang is the one answer for a login by someone not registered.
func errGeenToegang() *Error {
	return Errorf(EFORBIDDEN, "U bent ingelogd bij de identiteitsprovider, maar u hebt (nog) geen toegang tot de sociale kaart. Vraag de beheerder van uw gemeente om u toe te voegen.")
}

// ForLogin finds the person for a verified login. A known (issuer,
// subject) wins. Otherwise a person registered by e-mail only, not yet
// bound to any account, is bound to this one, but only when the provider
// vouches for the address (emailVerified): an unverified address could be
// anyone's. Anyone else gets FORBIDDEN.
func (s *Gebruikers) ForLogin(ctx context.Context, issuer, subject, email string, emailVerified bool) (Gebruiker, error) {
	g, err := s.Store.GebruikerBySubject(ctx, issuer, subject)
	switch ErrorCode(err) {
	case "":
		return g, nil
	case ENOTFOUND:
	default:
		return Gebruiker{}, fmt.Errorf("find gebruiker: %w", err)
	}
	email = NormalizeEmail(email)
	if !emailVerified || email == "" {
		return Gebruiker{}, errGeenToegang()
	}
	g, err = s.Store.BindGebruiker(ctx, email, issuer, subject)
	switch ErrorCode(err) {
	case "":
		return g, nil
	case ENOTFOUND:
		return Gebruiker{}, errGeenToegang()
	}
	return Gebruiker{}, fmt.Errorf("bind gebruiker: %w", err)
}

// StartSessie starts a session for a person and returns the cookie value,
// which is never stored, and the session.
func (s *Gebruikers) StartSessie(ctx context.Context, g Gebruiker) (string, Sessie, error) {
	token := RandomToken()
	now := s.now()
	sess := Sessie{
		Hash: TokenHash(token), GebruikerID: g.ID, CSRF: RandomToken(),
		Aangemaakt: now, Verloopt: now.Add(orDuration(s.Duur, DefaultSessieDuur)), LaatstGebruikt: now,
	}
	if err := s.Store.CreateSessie(ctx, sess); err != nil {
		return "", Sessie{}, fmt.Errorf("create sessie: %w", err)
	}
	if err := s.Store.RecordLogin(ctx, g.ID, now); err != nil {
		return "", Sessie{}, fmt.Errorf("record login: %w", err)
	}
	return token, sess, nil
}

// Sessie returns the session of a cookie value and the person's viewer.
// An unknown, expired or idle session, or one whose person was removed,
// gives UNAUTHENTICATED; an expired one is deleted.
func (s *Gebruikers) Sessie(ctx context.Context, token string) (Sessie, Viewer, error) {
	if token == "" || len(token) > 100 {
		return Sessie{}, Viewer{}, errSessieVerlopen()
	}
	if s.Cache == nil {
		return s.sessie(ctx, token)
	}
	e, ok, gen := s.Cache.get(ctx, toegangSessie, token)
	if ok {
		now := s.now()
		if !now.Before(e.sessie.Verloopt) {
			// Its absolute end needs no read; the store drops it with the
			// next expired sessions.
			s.Cache.forget(toegangSessie, token)
			return Sessie{}, Viewer{}, errSessieVerlopen()
		}
		// The idle timeout and the last use are the store's to judge
		// (another process may have seen the session since): close to
		// either, read it again.
		if now.Sub(e.sessie.LaatstGebruikt) < min(sessieTouchInterval, orDuration(s.Inactief, DefaultSessieInactief)) {
			return e.sessie, e.viewer, nil
		}
		s.Cache.forget(toegangSessie, token)
	}
	sess, v, err := s.sessie(ctx, token)
	if err != nil {
		return Sessie{}, Viewer{}, err
	}
	s.Cache.put(toegangSessie, token, toegangEntry{viewer: v, sessie: sess, gevuld: s.Cache.now()}, gen)
	return sess, v, nil
}

func errSessieVerlopen() *Error {
	return Errorf(EUNAUTHENTICATED, "Uw sessie is verlopen. Log opnieuw in.")
}

// sessie is Sessie in the store.
func (s *Gebruikers) sessie(ctx context.Context, token string) (Sessie, Viewer, error) {
	verlopen := errSessieVerlopen()
	hash := TokenHash(token)
	sess, err := s.Store.SessieByHash(ctx, hash)
	switch ErrorCode(err) {
	case "":
	case ENOTFOUND:
		return Sessie{}, Viewer{}, verlopen
	default:
		return Sessie{}, Viewer{}, fmt.Errorf("find sessie: %w", err)
	}
	now := s.now()
	if !now.Before(sess.Verloopt) || now.Sub(sess.LaatstGebruikt) >= orDuration(s.Inactief, DefaultSessieInactief) {
		_ = s.Store.DeleteSessie(ctx, hash)
		return Sessie{}, Viewer{}, verlopen
	}
	g, err := s.Store.GebruikerByID(ctx, sess.GebruikerID)
	switch ErrorCode(err) {
	case "":
	case ENOTFOUND:
		_ = s.Store.DeleteSessie(ctx, hash)
		return Sessie{}, Viewer{}, verlopen
	default:
		return Sessie{}, Viewer{}, fmt.Errorf("find gebruiker of sessie: %w", err)
	}
	if now.Sub(sess.LaatstGebruikt) >= sessieTouchInterval {
		if err := s.Store.TouchSessie(ctx, hash, now); err != nil {
			return Sessie{}, Viewer{}, fmt.Errorf("touch sessie: %w", err)
		}
		sess.LaatstGebruikt = now
	}
	// The organisation tree and werkgebied are resolved with the session,
	// like an API key's; see ToegangCache for how long they are kept.
	v, err := ResolveViewer(ctx, s.Store, g.Viewer())
	if err != nil {
		return Sessie{}, Viewer{}, err
	}
	return sess, v, nil
}

// EndSessie ends the session of a cookie value (logout). Ending an unknown
// session is no error.
func (s *Gebruikers) EndSessie(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	if s.Cache != nil {
		s.Cache.forget(toegangSessie, token)
	}
	if err := s.Store.DeleteSessie(ctx, TokenHash(token)); err != nil && ErrorCode(err) != ENOTFOUND {
		return fmt.Errorf("delete sessie: %w", err)
	}
	return nil
}

func orDuration(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// RandomToken returns 32 random bytes in unpadded base64url: a session id,
// a CSRF token, an OIDC state or nonce.
func RandomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// TokenHash is how a token is stored: its SHA-256.
func TokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
