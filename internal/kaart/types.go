package kaart

import "time"

// The record types of the sociale kaart. The struct fields carry the Neo4j
// property names as json tags; RecordTypes holds what may be written.
//
// The kaart holds organisations, roles, groups and opted-in key figures. It
// never holds case data about residents or labels of vulnerability (sources
// §6): there is no type or field for them, by design.

// Meta is on every record and every relationship.
type Meta struct {
	ID              string        `json:"id"`
	Gemeente        string        `json:"gemeente"`
	Zichtbaarheid   Zichtbaarheid `json:"zichtbaarheid"`
	Bron            *string       `json:"bron"`
	Beheerder       *string       `json:"beheerder"`
	LaatstBevestigd *time.Time    `json:"laatstBevestigd"`
	Aangemaakt      time.Time     `json:"aangemaakt"`
	Gewijzigd       time.Time     `json:"gewijzigd"`
	Versie          int           `json:"versie"`
	GeldigVan       *time.Time    `json:"geldigVan"`
	GeldigTot       *time.Time    `json:"geldigTot"`
}

// Gebied is a gemeente, wijk or buurt in one tree, or a dienstgebied beside it.
type Gebied struct {
	Meta
	Naam          string  `json:"naam"`
	Soort         string  `json:"soort"`
	CbsCode       *string `json:"cbsCode"`
	Indelingsjaar *int    `json:"indelingsjaar"`
}

type Organisatie struct {
	Meta
	Naam         string  `json:"naam"`
	Sector       string  `json:"sector"`
	KvkNummer    *string `json:"kvkNummer"`
	Omschrijving *string `json:"omschrijving"`
}

// Persoon is a professional or an opted-in key figure, never a client.
type Persoon struct {
	Meta
	Naam                   string     `json:"naam"`
	PubliekAmbtsdrager     bool       `json:"publiekAmbtsdrager"`
	Sleutelfiguur          bool       `json:"sleutelfiguur"`
	Grondslag              string     `json:"grondslag"`
	ToestemmingGegevenDoor *string    `json:"toestemmingGegevenDoor"`
	ToestemmingGegevenOp   *time.Time `json:"toestemmingGegevenOp"`
	// AVG (avg.go): the zichtbaarheid consented to, and its withdrawal.
	ToestemmingZichtbaarheid *Zichtbaarheid `json:"toestemmingZichtbaarheid"`
	ToestemmingIngetrokkenOp *time.Time     `json:"toestemmingIngetrokkenOp"`
}

// Functie is a role at an organisation. The aanspreekpunt is the Functie, so
// it survives staff turnover.
type Functie struct {
	Meta
	Titel         string  `json:"titel"`
	Rol           string  `json:"rol"`
	Niveau        Niveau  `json:"niveau"`
	Omschrijving  *string `json:"omschrijving"`
	Aanspreekpunt bool    `json:"aanspreekpunt"`
}

type Netwerk struct {
	Meta
	Naam         string  `json:"naam"`
	Soort        string  `json:"soort"`
	Omschrijving *string `json:"omschrijving"`
}

type Overleg struct {
	Meta
	Naam         string  `json:"naam"`
	Soort        string  `json:"soort"`
	Frequentie   *string `json:"frequentie"`
	Karakter     string  `json:"karakter"`
	Omschrijving *string `json:"omschrijving"`
}

type Coalitie struct {
	Meta
	Naam         string  `json:"naam"`
	Soort        string  `json:"soort"`
	Omschrijving *string `json:"omschrijving"`
}

type Afspraak struct {
	Meta
	Titel        string  `json:"titel"`
	Soort        string  `json:"soort"`
	Omschrijving *string `json:"omschrijving"`
}

type Opgave struct {
	Meta
	Titel        string  `json:"titel"`
	Omschrijving *string `json:"omschrijving"`
}

type Thema struct {
	Meta
	Naam         string  `json:"naam"`
	Omschrijving *string `json:"omschrijving"`
}

type Doelgroep struct {
	Meta
	Naam         string  `json:"naam"`
	Omschrijving *string `json:"omschrijving"`
}

type Initiatief struct {
	Meta
	Naam         string  `json:"naam"`
	Omschrijving *string `json:"omschrijving"`
}

type Aanbod struct {
	Meta
	Naam           string  `json:"naam"`
	Omschrijving   *string `json:"omschrijving"`
	Openingstijden *string `json:"openingstijden"`
	Kosten         *string `json:"kosten"`
	Aanmelden      *string `json:"aanmelden"`
}

// Locatie is an address, shaped so a BAG id can be added later.
type Locatie struct {
	Meta
	Naam             string   `json:"naam"`
	Straat           *string  `json:"straat"`
	Huisnummer       *string  `json:"huisnummer"`
	Postcode         *string  `json:"postcode"`
	Plaats           *string  `json:"plaats"`
	BagID            *string  `json:"bagId"`
	Lat              *float64 `json:"lat"`
	Lon              *float64 `json:"lon"`
	Toegankelijkheid *string  `json:"toegankelijkheid"`
}

// Contactgegeven is one channel (phone, e-mail, web) of an Organisatie,
// Functie, Persoon or Netwerk, each with its own zichtbaarheid.
type Contactgegeven struct {
	Meta
	Soort  string  `json:"soort"`
	Waarde string  `json:"waarde"`
	Label  *string `json:"label"`
}

// Koppeling is a relationship between two records.
type Koppeling struct {
	Meta
	Soort          string  `json:"soort"`
	Van            string  `json:"van"`
	Naar           string  `json:"naar"`
	Niveau         *Niveau `json:"niveau"`
	Rol            *string `json:"rol"`
	Sleutelpartner *bool   `json:"sleutelpartner"`
	Spoor          *string `json:"spoor"`
	Volgorde       *int    `json:"volgorde"`
}
