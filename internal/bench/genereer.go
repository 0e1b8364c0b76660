// Package bench holds benchmark-only code: the generator of the synthetic
// national-scale sociale kaart (socialekaart genereer) that bench-vragen and
// the speed benchmarks run on.
//
// The generator builds every record and relationship as the mutations would:
// each goes through the domain validation (kaart.RecordType.ValidateCreate,
// kaart.RelationType.Validate, the owner and gebied-tree rules), and a value
// that does not pass stops the run. It then hands the validated values to
// the store's bulk writer (neo4j.Store.BulkCreate and BulkLink), the only
// place that writes Cypher. It is deterministic: the same options give the
// same ids, properties and relationships.
package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// Per gemeente the default generator builds these numbers of records.
const (
	Wijken               = 10
	BuurtenPerWijk       = 4
	Themas               = 10
	Doelgroepen          = 6
	Organisaties         = 100
	AanbodPerOrganisatie = 2
	FunctiesPerWijk      = 60
	Personen             = 2000
	Netwerken            = 20
	CoalitiesPerWijk     = 3
	LedenPerNiveau       = 10
	KentPerPersoon       = 3
)

// Options says how much the generator makes. DefaultOptions gives the
// national-scale numbers; tests make a small gemeente with their own Prefix.
type Options struct {
	Gemeenten int
	// Eerste is the number of the first gemeente: it is in the ids and the
	// CBS codes (GM%04d), so two runs with different Eerste do not collide.
	Eerste int
	// Prefix starts every id ("gen").
	Prefix string

	Wijken, BuurtenPerWijk, Themas, Doelgroepen      int
	Organisaties, AanbodPerOrganisatie               int
	FunctiesPerWijk, Personen, Netwerken             int
	CoalitiesPerWijk, LedenPerNiveau, KentPerPersoon int
	// Round is the number of gemeenten whose records are written before
	// their relationships (10).
	Round int
}

// DefaultOptions are the national-scale numbers for n gemeenten.
func DefaultOptions(n int) Options {
	return Options{
		Gemeenten: n, Prefix: "gen",
		Wijken: Wijken, BuurtenPerWijk: BuurtenPerWijk, Themas: Themas, Doelgroepen: Doelgroepen,
		Organisaties: Organisaties, AanbodPerOrganisatie: AanbodPerOrganisatie,
		FunctiesPerWijk: FunctiesPerWijk, Personen: Personen, Netwerken: Netwerken,
		CoalitiesPerWijk: CoalitiesPerWijk, LedenPerNiveau: LedenPerNiveau, KentPerPersoon: KentPerPersoon,
		Round: 10,
	}
}

func (o Options) check() error {
	switch {
	case o.Gemeenten < 1 || o.Eerste < 0 || o.Eerste+o.Gemeenten > 10000:
		return fmt.Errorf("genereer: gemeenten %d to %d: must lie in 0 to 9999 (CBS codes have four digits)", o.Eerste, o.Eerste+o.Gemeenten-1)
	case o.Wijken < 1 || o.Wijken > 99 || o.BuurtenPerWijk < 1 || o.BuurtenPerWijk > 99:
		return fmt.Errorf("genereer: 1 to 99 wijken and buurten per wijk (CBS codes have two digits for each)")
	case o.Organisaties < 1 || o.Organisaties > 9999:
		return fmt.Errorf("genereer: 1 to 9999 organisaties per gemeente (KvK numbers)")
	case o.Themas < 2 || o.Doelgroepen < 1 || o.Netwerken < 1 || o.FunctiesPerWijk < 2 || o.Personen < 2 ||
		o.AanbodPerOrganisatie < 0 || o.CoalitiesPerWijk < 0 || o.LedenPerNiveau < 0 || o.KentPerPersoon < 0:
		return fmt.Errorf("genereer: at least 2 themas, functies per wijk and personen, 1 doelgroep and netwerk")
	}
	return nil
}

func (o Options) prefix() string {
	if o.Prefix == "" {
		return "gen"
	}
	return o.Prefix
}

// The ids of the generated records, so a benchmark can find them.
func (o Options) GemeenteID(g int) string { return fmt.Sprintf("%s-gm%03d", o.prefix(), g) }
func (o Options) WijkID(g, w int) string  { return fmt.Sprintf("%s-wk%02d", o.GemeenteID(g), w) }
func (o Options) BuurtID(g, w, b int) string {
	return fmt.Sprintf("%s-bu%d", o.WijkID(g, w), b)
}
func (o Options) PersoonID(g, p int) string     { return fmt.Sprintf("%s-ps%04d", o.GemeenteID(g), p) }
func (o Options) OrganisatieID(g, n int) string { return fmt.Sprintf("%s-org%03d", o.GemeenteID(g), n) }
func (o Options) FunctieID(g, f int) string     { return fmt.Sprintf("%s-fn%04d", o.GemeenteID(g), f) }
func (o Options) ThemaID(g, t int) string       { return fmt.Sprintf("%s-th%02d", o.GemeenteID(g), t) }
func (o Options) NetwerkID(g, n int) string     { return fmt.Sprintf("%s-nw%02d", o.GemeenteID(g), n) }
func (o Options) CoalitieID(g, c int) string    { return fmt.Sprintf("%s-co%02d", o.GemeenteID(g), c) }
func (o Options) DoelgroepID(g, d int) string   { return fmt.Sprintf("%s-dg%02d", o.GemeenteID(g), d) }
func (o Options) AanbodID(g, a int) string      { return fmt.Sprintf("%s-ab%04d", o.GemeenteID(g), a) }
func (o Options) LocatieID(g, n int) string     { return fmt.Sprintf("%s-lc%04d", o.GemeenteID(g), n) }

var defaults = DefaultOptions(1)

// The ids of the default generator.
func GemeenteID(g int) string       { return defaults.GemeenteID(g) }
func WijkID(g, w int) string        { return defaults.WijkID(g, w) }
func BuurtID(g, w, b int) string    { return defaults.BuurtID(g, w, b) }
func PersoonID(g, p int) string     { return defaults.PersoonID(g, p) }
func OrganisatieID(g, n int) string { return defaults.OrganisatieID(g, n) }
func ThemaID(g, t int) string       { return defaults.ThemaID(g, t) }

// CBS codes and KvK numbers: unique per record across the whole generated
// dataset (gemeente numbers have four digits, wijken and buurten two).
func gemeenteCode(g int) string    { return fmt.Sprintf("GM%04d", g) }
func wijkCode(g, w int) string     { return fmt.Sprintf("WK%04d%02d", g, w) }
func buurtCode(g, w, b int) string { return fmt.Sprintf("BU%04d%02d%02d", g, w, b) }
func kvkNummer(g, org int) string  { return fmt.Sprintf("%08d", g*10000+org) }

// telefoon returns a Dutch number of ten digits: the netnummer (030, 0575,
// 06) and n for the rest.
func telefoon(netnummer string, n int) string {
	rest := 10 - len(netnummer)
	mod := 1
	for range rest {
		mod *= 10
	}
	return fmt.Sprintf("%s%0*d", netnummer, rest, n%mod)
}

// Store is where the generator writes: neo4j.Store's bulk writer.
type Store interface {
	BulkCreate(ctx context.Context, nodes []kaart.Node) error
	BulkLink(ctx context.Context, links []kaart.Node) error
}

// Stats counts what Genereer wrote.
type Stats struct {
	Nodes, Relationships int
	NodeTime, RelTime    time.Duration // time spent writing each
}

// Genereer writes a synthetic sociale kaart of o.Gemeenten gemeenten into
// an empty, migrated database. progress, if not nil, is called after each
// round of gemeenten with the number done.
func Genereer(ctx context.Context, s Store, o Options, progress func(done int, st Stats)) (Stats, error) {
	var st Stats
	if err := o.check(); err != nil {
		return st, err
	}
	round := max(o.Round, 1)
	var nodes, links []kaart.Node
	for i := 0; i < o.Gemeenten; i++ {
		g := newGemeente(o, o.Eerste+i)
		if err := g.build(); err != nil {
			return st, err
		}
		nodes = append(nodes, g.nodes...)
		links = append(links, g.links...)
		if (i+1)%round != 0 && i != o.Gemeenten-1 {
			continue
		}
		// Records first, then the relationships between them.
		t0 := time.Now()
		if err := s.BulkCreate(ctx, nodes); err != nil {
			return st, fmt.Errorf("genereer: %w", err)
		}
		st.Nodes += len(nodes)
		st.NodeTime += time.Since(t0)
		t0 = time.Now()
		if err := s.BulkLink(ctx, links); err != nil {
			return st, fmt.Errorf("genereer: %w", err)
		}
		st.Relationships += len(links)
		st.RelTime += time.Since(t0)
		nodes, links = nil, nil
		if progress != nil {
			progress(i+1, st)
		}
	}
	return st, nil
}

// lcg is a small deterministic pseudo-random sequence.
type lcg uint64

func (r *lcg) intn(n int) int {
	*r = *r*6364136223846793005 + 1442695040888963407
	return int((uint64(*r) >> 33) % uint64(n))
}

// pick returns one of the values.
func pick[T any](r *lcg, values []T) T { return values[r.intn(len(values))] }

// rang orders how far a zichtbaarheid reaches.
var rang = map[string]int{string(kaart.Intern): 1, string(kaart.Partners): 2, string(kaart.Openbaar): 3}

// narrowest returns the narrowest of the zichtbaarheden.
func narrowest(zs ...string) string {
	out := string(kaart.Openbaar)
	for _, z := range zs {
		if rang[z] < rang[out] {
			out = z
		}
	}
	return out
}

// mix draws a zichtbaarheid: openbaar and partners are percentages, the rest
// is INTERN.
func mix(r *lcg, openbaar, partners int) string {
	switch n := r.intn(100); {
	case n < openbaar:
		return string(kaart.Openbaar)
	case n < openbaar+partners:
		return string(kaart.Partners)
	}
	return string(kaart.Intern)
}

// gemeente builds the records of one gemeente.
type gemeente struct {
	o     Options
	n     int // the gemeente's number
	id    string
	r     lcg
	stad  stad
	nodes []kaart.Node
	links []kaart.Node
	// What was made so far: type, soort of a Gebied, zichtbaarheid.
	typeOf    map[string]string
	soortOf   map[string]string
	zicht     map[string]string
	beheerder map[string]string
	linkN     int
	err       error
}

func newGemeente(o Options, n int) *gemeente {
	return &gemeente{o: o, n: n, id: o.GemeenteID(n), r: lcg(n + 1), stad: steden[n%len(steden)],
		typeOf: map[string]string{}, soortOf: map[string]string{}, zicht: map[string]string{}, beheerder: map[string]string{}}
}

// record validates in as a create of type t would be and adds the record
// and the relationship to its owner.
func (g *gemeente) record(t *kaart.RecordType, id string, in kaart.Input) {
	if g.err != nil {
		return
	}
	if _, ok := in["bron"]; !ok {
		in["bron"] = "genereer" // synthetic data says so
	}
	val, err := t.ValidateCreate(in, "input")
	if err != nil {
		g.err = fmt.Errorf("genereer %s %s: %w", t.Name, id, err)
		return
	}
	if _, dup := g.typeOf[id]; dup {
		g.err = fmt.Errorf("genereer %s: duplicate id %q", t.Name, id)
		return
	}
	g.typeOf[id] = t.Name
	props := val.Props
	props["id"] = id
	ownerRelation := ""
	if val.Owner != nil {
		ownerRelation = val.Owner.Relation
	}
	if t == kaart.GebiedType {
		soort, _ := props["soort"].(string)
		g.soortOf[id] = soort
		ouder := ""
		if val.Owner != nil {
			ouder = g.soortOf[val.Owner.ID]
		}
		inTree, msg := kaart.GebiedOuder(soort, ouder)
		if msg != "" {
			g.err = fmt.Errorf("genereer Gebied %s: %s", id, msg)
			return
		}
		if !inTree {
			ownerRelation = ""
		}
		props["gemeente"] = g.id // as the store sets it
	}
	// References must name records made before, of the right type.
	refs := val.Refs
	if val.Owner != nil {
		refs = append(refs, val.Owner.Ref)
	}
	for _, ref := range refs {
		typ := g.typeOf[ref.ID]
		ok := false
		for _, want := range ref.Types {
			ok = ok || typ == want || (want == kaart.GemeenteRef && typ == "Gebied" && g.soortOf[ref.ID] == "GEMEENTE")
		}
		if !ok {
			g.err = fmt.Errorf("genereer %s %s: %s refers to %q, a %q", t.Name, id, ref.Field, ref.ID, typ)
			return
		}
	}
	z, _ := props["zichtbaarheid"].(string)
	g.zicht[id] = z
	g.beheerder[id], _ = props["beheerder"].(string)
	g.nodes = append(g.nodes, kaart.Node{Type: t.Name, Props: props})
	if ownerRelation != "" {
		from, to := id, val.Owner.ID
		if !val.Owner.Outgoing {
			from, to = to, from
		}
		g.linkN++
		g.links = append(g.links, kaart.Node{Type: "Koppeling", Props: map[string]any{
			"soort": ownerRelation, "van": from, "naar": to, "id": fmt.Sprintf("%s-k%06d", g.id, g.linkN)}})
	}
}

// link validates a relationship as Link would and adds it. Its
// zichtbaarheid, when in gives none, is the narrowest of the relation's
// default and its two ends: a relationship never reaches further than what
// it connects.
func (g *gemeente) link(name, van, naar string, in kaart.Input) {
	if g.err != nil {
		return
	}
	r := kaart.RelationTypes[name]
	if r == nil || r.Managed {
		g.err = fmt.Errorf("genereer: %q is not a relationship Link makes", name)
		return
	}
	if !r.Allows(g.typeOf[van], g.typeOf[naar]) {
		g.err = fmt.Errorf("genereer: %s from %s %q to %s %q is not allowed", name, g.typeOf[van], van, g.typeOf[naar], naar)
		return
	}
	if in == nil {
		in = kaart.Input{}
	}
	if _, ok := in["bron"]; !ok {
		in["bron"] = "genereer"
	}
	if _, ok := in["zichtbaarheid"]; !ok {
		in["zichtbaarheid"] = narrowest(string(r.DefaultZichtbaarheid), g.zicht[van], g.zicht[naar])
	}
	props, err := r.Validate(in, "input", true)
	if err != nil {
		g.err = fmt.Errorf("genereer %s %s -> %s: %w", name, van, naar, err)
		return
	}
	g.linkN++
	props["id"] = fmt.Sprintf("%s-k%06d", g.id, g.linkN)
	props["soort"], props["van"], props["naar"] = name, van, naar
	g.links = append(g.links, kaart.Node{Type: "Koppeling", Props: props})
}

// contact adds a contactgegeven of owner, never wider than the owner.
func (g *gemeente) contact(owner string, n int, soort, waarde, zicht string) {
	g.record(kaart.ContactgegevenType, fmt.Sprintf("%s-c%d", owner, n), kaart.Input{
		"gemeente": g.id, "van": owner, "soort": soort, "waarde": waarde,
		"zichtbaarheid": narrowest(zicht, g.zicht[owner]), "beheerder": g.beheerder[owner]})
}

// datum returns a date in year y (first day of a month), as GraphQL sends it.
func (g *gemeente) datum(y int) string {
	return fmt.Sprintf("%04d-%02d-01", y, 1+g.r.intn(12))
}

func (g *gemeente) build() error {
	o, r, gm, n := g.o, &g.r, g.id, g.n
	gemeenteOrg := o.OrganisatieID(n, 0) // the gemeente's own organisation stewards the shared records
	plaats := g.stad.naam
	niveaus := []string{string(kaart.Bestuurlijk), string(kaart.Managerial), string(kaart.Frontlijn)}

	g.record(kaart.GebiedType, gm, kaart.Input{"naam": fmt.Sprintf("Gemeente %s %03d", plaats, n), "soort": "GEMEENTE",
		"cbsCode": gemeenteCode(n), "indelingsjaar": 2025})
	for w := 0; w < o.Wijken; w++ {
		g.record(kaart.GebiedType, o.WijkID(n, w), kaart.Input{"naam": fmt.Sprintf("%s %d-%d", pick(r, wijkNamen), n, w),
			"soort": "WIJK", "cbsCode": wijkCode(n, w), "indelingsjaar": 2025, "ouder": gm})
		for b := 0; b < o.BuurtenPerWijk; b++ {
			g.record(kaart.GebiedType, o.BuurtID(n, w, b), kaart.Input{"naam": fmt.Sprintf("Buurt %d-%d-%d", n, w, b),
				"soort": "BUURT", "cbsCode": buurtCode(n, w, b), "indelingsjaar": 2025, "ouder": o.WijkID(n, w)})
		}
	}

	// Organisaties, each with contactgegevens, a locatie and aanbod. The
	// first is the gemeente's own; every tenth is part of the one before.
	for org := 0; org < o.Organisaties; org++ {
		id := o.OrganisatieID(n, org)
		soort := pick(r, organisatieSoorten)
		zicht := mix(r, 85, 10)
		naam := fmt.Sprintf("%s %s %d-%d", soort.naam, plaats, n, org)
		if org == 0 {
			soort, zicht, naam = organisatieSoort{"GEMEENTELIJKE_DIENST", "Gemeente"}, string(kaart.Openbaar), "Gemeente "+plaats+fmt.Sprintf(" %03d", n)
		}
		in := kaart.Input{"gemeente": gm, "naam": naam, "sector": soort.sector, "kvkNummer": kvkNummer(n, org),
			"omschrijving": fmt.Sprintf("%s in %s.", soort.naam, plaats), "zichtbaarheid": zicht}
		if org%10 == 9 {
			in["onderdeelVan"] = o.OrganisatieID(n, org-1)
			in["zichtbaarheid"] = narrowest(zicht, g.zicht[o.OrganisatieID(n, org-1)])
		}
		// An organisation stewards its own record; its beheerder is
		// itself, set once it exists (as an update would).
		g.record(kaart.OrganisatieType, id, in)
		if g.err != nil {
			return g.err
		}
		g.nodes[len(g.nodes)-1].Props["beheerder"] = id
		g.beheerder[id] = id
		slug := fmt.Sprintf("org-%d-%d", n, org)
		g.contact(id, 0, "TELEFOON", telefoon(g.stad.netnummer, n*10000+org), string(kaart.Openbaar))
		g.contact(id, 1, "EMAIL", "info@"+slug+".example.nl", mix(r, 60, 35))
		g.contact(id, 2, "WEB", "https://www."+slug+".example.nl", string(kaart.Openbaar))
		g.link("BEDIENT", id, gm, nil)
		loc := o.LocatieID(n, org)
		lat, lon := g.stad.lat+float64(r.intn(3001)-1500)/100000, g.stad.lon+float64(r.intn(3001)-1500)/100000 // within 1.5 km
		g.record(kaart.LocatieType, loc, kaart.Input{"gemeente": gm, "naam": "Vestiging " + naam,
			"straat": pick(r, straten), "huisnummer": fmt.Sprint(1 + r.intn(200)),
			"postcode": fmt.Sprintf("%d %s", g.stad.postcode+r.intn(100), pick(r, postcodeLetters)), "plaats": plaats,
			"lat": lat, "lon": lon, "toegankelijkheid": pick(r, toegankelijkheid),
			"zichtbaarheid": g.zicht[id], "beheerder": id})
		g.link("OP_LOCATIE", id, loc, nil)
	}
	for t := 0; t < o.Themas; t++ {
		g.record(kaart.ThemaType, o.ThemaID(n, t), kaart.Input{"gemeente": gm, "naam": themaNamen[t%len(themaNamen)] + suffix(t, len(themaNamen)),
			"beheerder": gemeenteOrg})
	}
	for d := 0; d < o.Doelgroepen; d++ {
		g.record(kaart.DoelgroepType, o.DoelgroepID(n, d), kaart.Input{"gemeente": gm, "naam": doelgroepNamen[d%len(doelgroepNamen)] + suffix(d, len(doelgroepNamen)),
			"beheerder": gemeenteOrg})
	}
	for org := 0; org < o.Organisaties; org++ {
		orgID := o.OrganisatieID(n, org)
		for a := 0; a < o.AanbodPerOrganisatie; a++ {
			id := o.AanbodID(n, org*o.AanbodPerOrganisatie+a)
			soort := pick(r, aanbodSoorten)
			in := kaart.Input{"gemeente": gm, "organisatie": orgID, "naam": fmt.Sprintf("%s %d-%d-%d", soort, n, org, a),
				"omschrijving": soort + " voor bewoners van " + plaats + ".", "openingstijden": pick(r, openingstijden),
				"kosten": pick(r, kosten), "aanmelden": "Bel of mail ons, of loop binnen.",
				"zichtbaarheid": narrowest(mix(r, 85, 10), g.zicht[orgID]), "beheerder": orgID, "geldigVan": g.datum(2018 + r.intn(8))}
			if r.intn(10) == 0 {
				in["geldigTot"] = g.datum(2027)
			}
			g.record(kaart.AanbodType, id, in)
			g.link("BEDIENT", id, o.WijkID(n, r.intn(o.Wijken)), nil)
			g.link("OVER_THEMA", id, o.ThemaID(n, r.intn(o.Themas)), nil)
			g.link("VOOR_DOELGROEP", id, o.DoelgroepID(n, r.intn(o.Doelgroepen)), nil)
			g.link("OP_LOCATIE", id, o.LocatieID(n, org), nil)
		}
	}
	for nw := 0; nw < o.Netwerken; nw++ {
		id := o.NetwerkID(n, nw)
		g.record(kaart.NetwerkType, id, kaart.Input{"gemeente": gm, "naam": fmt.Sprintf("Netwerk %d-%d", n, nw),
			"soort": pick(r, kaart.NetwerkSoorten), "omschrijving": "Netwerk in " + plaats + ".",
			"zichtbaarheid": mix(r, 70, 25), "beheerder": gemeenteOrg})
		g.contact(id, 0, "EMAIL", fmt.Sprintf("netwerk-%d-%d@example.nl", n, nw), string(kaart.Partners))
		g.link("BEDIENT", id, o.WijkID(n, nw%o.Wijken), nil)
		g.link("OVER_THEMA", id, o.ThemaID(n, nw%o.Themas), nil)
	}

	// Functies: per wijk, at random organisaties; a third serves the wijk,
	// the rest one of its buurten.
	nf := o.Wijken * o.FunctiesPerWijk
	for f := 0; f < nf; f++ {
		id := o.FunctieID(n, f)
		wk := f / o.FunctiesPerWijk
		niveau := niveaus[f%3]
		rol := pick(r, rollenPerNiveau[niveau])
		org := o.OrganisatieID(n, r.intn(o.Organisaties))
		in := kaart.Input{"gemeente": gm, "organisatie": org, "titel": fmt.Sprintf("%s %d-%d", rolTitels[rol], n, f),
			"rol": rol, "niveau": niveau, "aanspreekpunt": f%5 == 0, "omschrijving": rolTitels[rol] + " in " + plaats + ".",
			"zichtbaarheid": narrowest(mix(r, 70, 25), g.zicht[org]), "beheerder": org, "geldigVan": g.datum(2015 + r.intn(11))}
		if f%20 == 19 {
			in["geldigTot"] = g.datum(2026 + r.intn(3))
		}
		g.record(kaart.FunctieType, id, in)
		g.contact(id, 0, "EMAIL", fmt.Sprintf("f%d@gm%d.example.nl", f, n), mix(r, 50, 45))
		if f%4 == 0 {
			g.contact(id, 1, "TELEFOON", telefoon("06", n*100000+f), string(kaart.Partners))
		}
		if f%3 == 0 {
			g.link("BEDIENT", id, o.WijkID(n, wk), nil)
		} else {
			g.link("BEDIENT", id, o.BuurtID(n, wk, f%o.BuurtenPerWijk), nil)
		}
		t := r.intn(o.Themas)
		g.link("OVER_THEMA", id, o.ThemaID(n, t), nil)
		g.link("OVER_THEMA", id, o.ThemaID(n, (t+1+r.intn(o.Themas-1))%o.Themas), nil)
		g.link("BEREIKT", id, o.NetwerkID(n, r.intn(o.Netwerken)), nil)
	}

	// Personen: publieke ambtsdragers (OPENBAAR), professionals on
	// gerechtvaardigd belang (PARTNERS), key figures who consented (their
	// zichtbaarheid no wider than the consent) and a share kept INTERN.
	for p := 0; p < o.Personen; p++ {
		id := o.PersoonID(n, p)
		f1 := r.intn(nf)
		f2 := (f1 + 1 + r.intn(nf-1)) % nf
		beheerder := g.beheerder[o.FunctieID(n, f1)]
		in := kaart.Input{"gemeente": gm, "naam": pick(r, voornamen) + " " + pick(r, achternamen) + fmt.Sprintf(" %d-%d", n, p),
			"beheerder": beheerder}
		switch p % 10 {
		case 0:
			in["grondslag"], in["publiekAmbtsdrager"], in["zichtbaarheid"] = "PUBLIEKE_TAAK", true, string(kaart.Openbaar)
		case 1, 2, 3, 4, 5:
			in["grondslag"], in["zichtbaarheid"] = "GERECHTVAARDIGD_BELANG", string(kaart.Partners)
		case 6, 7:
			tz := pick(r, []string{string(kaart.Openbaar), string(kaart.Partners)})
			z := tz
			if p%10 == 7 {
				z = string(kaart.Partners)
			}
			in["grondslag"], in["sleutelfiguur"], in["zichtbaarheid"] = "TOESTEMMING", p%20 == 6, z
			in["toestemmingZichtbaarheid"], in["toestemmingGegevenDoor"], in["toestemmingGegevenOp"] = tz, "betrokkene zelf, per e-mail", g.datum(2020+r.intn(6))
		case 8:
			in["grondslag"], in["zichtbaarheid"] = "GERECHTVAARDIGD_BELANG", string(kaart.Intern)
		default:
			in["grondslag"], in["zichtbaarheid"] = "TOESTEMMING", string(kaart.Intern)
			in["toestemmingZichtbaarheid"], in["toestemmingGegevenDoor"], in["toestemmingGegevenOp"] = string(kaart.Intern), "betrokkene zelf, mondeling", g.datum(2020+r.intn(6))
		}
		g.record(kaart.PersoonType, id, in)
		if p%2 == 0 {
			g.contact(id, 0, "TELEFOON", telefoon("06", n*100000+p+50000), mix(r, 20, 60))
		}
		g.link("BEKLEEDT", id, o.FunctieID(n, f1), kaart.Input{"geldigVan": g.datum(2016 + r.intn(10))})
		g.link("BEKLEEDT", id, o.FunctieID(n, f2), kaart.Input{"geldigVan": g.datum(2016 + r.intn(10))})
		g.link("LID_VAN", id, o.NetwerkID(n, r.intn(o.Netwerken)), kaart.Input{"niveau": niveaus[p%3], "geldigVan": g.datum(2018 + r.intn(8))})
	}
	// Who knows whom: after all personen exist, never a person themselves,
	// at most PARTNERS.
	for p := 0; p < o.Personen; p++ {
		id := o.PersoonID(n, p)
		seen := map[int]bool{p: true}
		for k := 0; k < o.KentPerPersoon && len(seen) < o.Personen; k++ {
			q := r.intn(o.Personen)
			for seen[q] {
				q = (q + 1) % o.Personen
			}
			seen[q] = true
			g.link("KENT", id, o.PersoonID(n, q), kaart.Input{"zichtbaarheid": narrowest(mix(r, 0, 70), g.zicht[id], g.zicht[o.PersoonID(n, q)])})
		}
	}

	// Coalities per wijk with members on each niveau; a temporary one
	// has an end date.
	for c := 0; c < o.Wijken*o.CoalitiesPerWijk; c++ {
		id := o.CoalitieID(n, c)
		soort := "VAST"
		in := kaart.Input{"gemeente": gm, "naam": fmt.Sprintf("Coalitie %s %d-%d", pick(r, themaNamen), n, c),
			"omschrijving": "Samenwerking in de wijk.", "zichtbaarheid": mix(r, 80, 15), "beheerder": gemeenteOrg,
			"geldigVan": g.datum(2019 + r.intn(6))}
		if c%3 == 2 {
			soort = "TIJDELIJK"
			in["geldigTot"] = g.datum(2027 + r.intn(2))
		}
		in["soort"] = soort
		g.record(kaart.CoalitieType, id, in)
		g.link("BEDIENT", id, o.WijkID(n, c/o.CoalitiesPerWijk), nil)
		leden := map[string]bool{}
		for _, nv := range niveaus {
			for l := 0; l < o.LedenPerNiveau; l++ {
				var lid string
				for try := 0; try < 10 && (lid == "" || leden[lid]); try++ {
					switch l % 3 {
					case 0:
						lid = o.OrganisatieID(n, r.intn(o.Organisaties))
					case 1:
						lid = o.FunctieID(n, r.intn(nf))
					default:
						lid = o.PersoonID(n, r.intn(o.Personen))
					}
				}
				if leden[lid] {
					continue
				}
				leden[lid] = true
				g.link("LID_VAN", lid, id, kaart.Input{"niveau": nv, "sleutelpartner": l == 0, "geldigVan": g.datum(2019 + r.intn(6))})
			}
		}
	}
	return g.err
}

func suffix(i, n int) string {
	if i < n {
		return ""
	}
	return fmt.Sprintf(" %d", i/n+1)
}
