package kaart

func text(name string, required bool, max int) Field {
	return Field{Name: name, Kind: TextField, Required: required, MaxLen: max}
}

func enum(name string, required bool, values []string) Field {
	return Field{Name: name, Kind: EnumField, Required: required, Values: values}
}

var gemeenteField = Field{Name: "gemeente", Kind: IDField, Required: true, CreateOnly: true}

// RecordTypes lists every node type by name.
var RecordTypes = map[string]*RecordType{}

func register(t *RecordType) *RecordType {
	if t.DefaultZichtbaarheid == "" {
		t.DefaultZichtbaarheid = Openbaar
	}
	if t.NameField == "" {
		t.NameField = "naam"
	}
	RecordTypes[t.Name] = t
	return t
}

var (
	GebiedType = register(&RecordType{
		Name: "Gebied",
		Fields: []Field{
			text("naam", true, 200),
			{Name: "soort", Kind: EnumField, Required: true, CreateOnly: true, Values: GebiedSoorten},
			text("cbsCode", false, 10),
			{Name: "indelingsjaar", Kind: IntField, Min: 1900, Max: 2200},
		},
		// A wijk hangs in its gemeente, a buurt in its wijk; a dienstgebied is
		// created in its gemeente and covers wijken through OMVAT.
		Owner: &Owner{Field: "ouder", Relation: "DEEL_VAN", Outgoing: true, Types: []string{"Gebied"}},
		// A CBS code names one gemeente, wijk or buurt in the country.
		Uniek: []string{"cbsCode"},
		check: func(p map[string]any, errs *ValidationErrors) {
			if code, ok := p["cbsCode"].(string); ok {
				if soort, ok := p["soort"].(string); ok {
					if msg := CheckCBSCode(soort, code); msg != "" {
						errs.Add("input.cbsCode", "%s", msg)
					}
				}
			}
		},
	})
	OrganisatieType = register(&RecordType{
		Name: "Organisatie",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			enum("sector", true, Sectoren),
			{Name: "kvkNummer", Kind: TextField, MaxLen: 8, Normalize: normalizeWith(CheckKvK)},
			text("omschrijving", false, 2000),
		},
		Owner: &Owner{Field: "onderdeelVan", Relation: "ONDERDEEL_VAN", Outgoing: true, Types: []string{"Organisatie"}},
		// A KvK number is one organisation; each gemeente's kaart may hold
		// it once (a national organisation appears in several gemeenten).
		Uniek: []string{"gemeente", "kvkNummer"},
	})
	PersoonType = register(&RecordType{
		Name: "Persoon",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			{Name: "publiekAmbtsdrager", Kind: BoolField},
			{Name: "sleutelfiguur", Kind: BoolField},
			enum("grondslag", true, Grondslagen),
			text("toestemmingGegevenDoor", false, 200),
			{Name: "toestemmingGegevenOp", Kind: DateField},
			// The widest zichtbaarheid the person consented to; see avg.go.
			enum("toestemmingZichtbaarheid", false, Zichtbaarheden),
		},
		// Personal data is opt-in: a person is only seen by the steward's
		// circle until someone decides otherwise.
		DefaultZichtbaarheid: Intern,
		check: func(p map[string]any, errs *ValidationErrors) {
			if p["grondslag"] == "TOESTEMMING" && (p["toestemmingGegevenDoor"] == nil || p["toestemmingGegevenOp"] == nil) {
				errs.Add("input.toestemmingGegevenOp", "is verplicht bij grondslag TOESTEMMING, samen met toestemmingGegevenDoor")
			}
			checkToestemmingDatum(p, errs)
			// On update only the changed fields are here; the store checks
			// the whole record again inside the transaction.
			if err, ok := CheckToestemming(p).(ValidationErrors); ok {
				*errs = append(*errs, err...)
			}
		},
	})
	FunctieType = register(&RecordType{
		Name: "Functie",
		Fields: []Field{
			gemeenteField,
			text("titel", true, 200),
			enum("rol", true, Rollen),
			{Name: "niveau", Kind: NiveauField, Required: true},
			text("omschrijving", false, 2000),
			{Name: "aanspreekpunt", Kind: BoolField},
		},
		NameField: "titel",
		Owner:     &Owner{Field: "organisatie", Relation: "FUNCTIE_BIJ", Outgoing: true, Types: []string{"Organisatie"}, Required: true},
	})
	NetwerkType = register(&RecordType{
		Name: "Netwerk",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			enum("soort", true, NetwerkSoorten),
			text("omschrijving", false, 2000),
		},
	})
	OverlegType = register(&RecordType{
		Name: "Overleg",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			enum("soort", true, OverlegSoorten),
			text("frequentie", false, 100),
			enum("karakter", true, OverlegKarakters),
			text("omschrijving", false, 2000),
		},
	})
	CoalitieType = register(&RecordType{
		Name: "Coalitie",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			enum("soort", true, CoalitieSoorten),
			text("omschrijving", false, 2000),
		},
	})
	AfspraakType = register(&RecordType{
		Name: "Afspraak",
		Fields: []Field{
			gemeenteField,
			text("titel", true, 200),
			enum("soort", true, AfspraakSoorten),
			text("omschrijving", false, 2000),
		},
		NameField: "titel",
	})
	OpgaveType = register(&RecordType{
		Name:      "Opgave",
		Fields:    []Field{gemeenteField, text("titel", true, 200), text("omschrijving", false, 2000)},
		NameField: "titel",
	})
	ThemaType = register(&RecordType{
		Name:   "Thema",
		Fields: []Field{gemeenteField, text("naam", true, 100), text("omschrijving", false, 1000)},
	})
	DoelgroepType = register(&RecordType{
		Name:   "Doelgroep",
		Fields: []Field{gemeenteField, text("naam", true, 100), text("omschrijving", false, 1000)},
	})
	InitiatiefType = register(&RecordType{
		Name:   "Initiatief",
		Fields: []Field{gemeenteField, text("naam", true, 200), text("omschrijving", false, 2000)},
	})
	AanbodType = register(&RecordType{
		Name: "Aanbod",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			text("omschrijving", false, 2000),
			text("openingstijden", false, 500),
			text("kosten", false, 200),
			text("aanmelden", false, 500),
		},
		Owner: &Owner{Field: "organisatie", Relation: "AANGEBODEN_DOOR", Outgoing: true, Types: []string{"Organisatie"}, Required: true},
	})
	LocatieType = register(&RecordType{
		Name: "Locatie",
		Fields: []Field{
			gemeenteField,
			text("naam", true, 200),
			text("straat", false, 200),
			text("huisnummer", false, 20),
			{Name: "postcode", Kind: TextField, MaxLen: 7, Normalize: NormalizePostcode},
			text("plaats", false, 100),
			text("bagId", false, 16),
			{Name: "lat", Kind: FloatField, Min: -90, Max: 90},
			{Name: "lon", Kind: FloatField, Min: -180, Max: 180},
			text("toegankelijkheid", false, 500),
		},
		check: checkCoordinaten,
	})
	ContactgegevenType = register(&RecordType{
		Name: "Contactgegeven",
		Fields: []Field{
			gemeenteField,
			enum("soort", true, ContactSoorten),
			text("waarde", true, 300),
			text("label", false, 100),
		},
		NameField:            "waarde",
		DefaultZichtbaarheid: Partners,
		Owner:                &Owner{Field: "van", Relation: "HEEFT_CONTACT", Outgoing: false, Types: []string{"Organisatie", "Functie", "Persoon", "Netwerk"}, Required: true},
		check: func(p map[string]any, errs *ValidationErrors) {
			waarde, _ := p["waarde"].(string)
			var msg string
			switch p["soort"] {
			case "TELEFOON":
				waarde, msg = NormalizeTelefoon(waarde)
			case "EMAIL":
				msg = CheckEmail(waarde)
			case "WEB":
				msg = CheckURL(waarde)
			}
			if msg != "" {
				errs.Add("input.waarde", "%s", msg)
				return
			}
			if waarde != "" {
				p["waarde"] = waarde
			}
		},
	})
)

func normalizeWith(check func(string) string) func(string) (string, string) {
	return func(s string) (string, string) { return s, check(s) }
}

// RelationType is one kind of Koppeling between records.
type RelationType struct {
	Name string
	From []string
	To   []string
	// Fields beyond the common ones.
	Fields               []Field
	DefaultZichtbaarheid Zichtbaarheid
	// Managed relations are made together with their record (owners, the
	// gebied tree) and cannot be linked or unlinked on their own.
	Managed bool
	// Key lists the properties that, with van and naar, make a relationship
	// one fact: a second one with the same van, naar and Key values is the
	// same fact twice and is refused (LID_VAN: one membership per niveau).
	Key []string
	// EenPerNaar says the relation is single-valued at its end: a record
	// has at most one current one coming in (one voorzitter per overleg);
	// one whose geldigTot has passed is history and does not count.
	EenPerNaar bool
	// VerplichtNaar lists, per type of the record it goes to, the fields
	// that must be set there (a member of a coalitie has a niveau).
	VerplichtNaar map[string][]string
}

// CheckEnds checks what the relation needs once the type of the record it
// goes to is known; props are the validated properties of a new one.
func (r *RelationType) CheckEnds(toType string, props map[string]any, path string) error {
	var errs ValidationErrors
	for _, name := range r.VerplichtNaar[toType] {
		if props[name] == nil {
			errs.Add(path+"."+name, "is verplicht bij een koppeling %s naar een %s", r.Name, toType)
		}
	}
	return errs.Err()
}

// RelationTypes lists every relationship type by name.
var RelationTypes = map[string]*RelationType{}

func relation(r *RelationType) {
	if r.DefaultZichtbaarheid == "" {
		r.DefaultZichtbaarheid = Openbaar
	}
	RelationTypes[r.Name] = r
}

func init() {
	ledenVan := []string{"Organisatie", "Persoon", "Functie", "Netwerk"}
	relation(&RelationType{Name: "DEEL_VAN", From: []string{"Gebied"}, To: []string{"Gebied"}, Managed: true})
	relation(&RelationType{Name: "ONDERDEEL_VAN", From: []string{"Organisatie"}, To: []string{"Organisatie"}, Managed: true})
	relation(&RelationType{Name: "FUNCTIE_BIJ", From: []string{"Functie"}, To: []string{"Organisatie"}, Managed: true})
	relation(&RelationType{Name: "AANGEBODEN_DOOR", From: []string{"Aanbod"}, To: []string{"Organisatie"}, Managed: true})
	relation(&RelationType{Name: "HEEFT_CONTACT", From: []string{"Organisatie", "Functie", "Persoon", "Netwerk"}, To: []string{"Contactgegeven"}, Managed: true})
	relation(&RelationType{Name: "OMVAT", From: []string{"Gebied"}, To: []string{"Gebied"}})
	relation(&RelationType{Name: "BEDIENT", From: []string{"Organisatie", "Functie", "Netwerk", "Overleg", "Coalitie", "Aanbod", "Initiatief", "Afspraak", "Opgave"}, To: []string{"Gebied"}})
	relation(&RelationType{Name: "BEKLEEDT", From: []string{"Persoon"}, To: []string{"Functie"}})
	// A coalitie counts its members per niveau: a member without one would
	// count on no level. One may be a member on several niveaus, once each.
	relation(&RelationType{Name: "LID_VAN", From: ledenVan, To: []string{"Coalitie", "Netwerk", "Overleg"},
		Fields:        []Field{{Name: "niveau", Kind: NiveauField}, text("rol", false, 100), {Name: "sleutelpartner", Kind: BoolField}},
		Key:           []string{"niveau"},
		VerplichtNaar: map[string][]string{"Coalitie": {"niveau"}}})
	relation(&RelationType{Name: "VOORZITTER_VAN", From: ledenVan, To: []string{"Overleg", "Netwerk", "Coalitie"}, EenPerNaar: true})
	relation(&RelationType{Name: "BEREIKT", From: []string{"Organisatie", "Persoon", "Functie", "Netwerk", "Aanbod"}, To: []string{"Doelgroep", "Netwerk"}})
	relation(&RelationType{Name: "ESCALEERT_NAAR", From: []string{"Functie", "Overleg"}, To: []string{"Functie", "Overleg"},
		Fields: []Field{enum("spoor", true, Sporen), {Name: "volgorde", Kind: IntField, Min: 1, Max: 20}}})
	relation(&RelationType{Name: "FINANCIERT", From: []string{"Organisatie"}, To: []string{"Organisatie", "Initiatief", "Coalitie", "Aanbod", "Netwerk"}})
	relation(&RelationType{Name: "ONDERTEKEND", From: []string{"Organisatie", "Persoon", "Netwerk"}, To: []string{"Afspraak"}})
	relation(&RelationType{Name: "AFSPRAAK_VAN", From: []string{"Afspraak"}, To: []string{"Coalitie", "Overleg", "Netwerk"}})
	relation(&RelationType{Name: "GAAT_OVER", From: []string{"Coalitie", "Afspraak", "Initiatief", "Overleg"}, To: []string{"Opgave"}})
	relation(&RelationType{Name: "OVER_THEMA", From: []string{"Organisatie", "Functie", "Aanbod", "Coalitie", "Opgave", "Netwerk", "Initiatief", "Overleg"}, To: []string{"Thema"}})
	relation(&RelationType{Name: "VOOR_DOELGROEP", From: []string{"Aanbod", "Initiatief"}, To: []string{"Doelgroep"}})
	relation(&RelationType{Name: "OP_LOCATIE", From: []string{"Organisatie", "Aanbod", "Overleg", "Netwerk", "Initiatief"}, To: []string{"Locatie"}})
	// Who knows whom is personal data: opt-in and INTERN unless said otherwise.
	relation(&RelationType{Name: "KENT", From: []string{"Persoon"}, To: []string{"Persoon"}, DefaultZichtbaarheid: Intern})
}

// relationCommonFields are the writable fields of every Koppeling.
var relationCommonFields = []Field{
	{Name: "zichtbaarheid", Kind: EnumField, Values: Zichtbaarheden},
	text("bron", false, 300),
	{Name: "geldigVan", Kind: DateField},
	{Name: "geldigTot", Kind: DateField},
}

// Validate checks the properties of a new or changed relationship.
func (r *RelationType) Validate(in Input, path string, create bool) (map[string]any, error) {
	fields := append(append([]Field{}, relationCommonFields...), r.Fields...)
	props, errs := validateFields("koppeling "+r.Name, fields, in, path, create, nil)
	if create {
		if _, ok := props["zichtbaarheid"]; !ok {
			props["zichtbaarheid"] = string(r.DefaultZichtbaarheid)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return props, nil
}

// Allows reports whether a relationship of type r may go from one record type to another.
func (r *RelationType) Allows(from, to string) bool {
	return contains(r.From, from) && contains(r.To, to)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
