package kaart_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// TestManageSleutels is the role × operation matrix for API keys: who may
// create, list, rotate and revoke which key.
func TestManageSleutels(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newSleutels()
	mk := func(n kaart.NieuweSleutel) kaart.Sleutel {
		t.Helper()
		_, k, err := s.CreateAs(ctx, kaart.Viewer{Rol: kaart.Beheerder}, n)
		if err != nil {
			t.Fatalf("CreateAs(platform, %+v): %v", n, err)
		}
		return k
	}
	partnerA := mk(kaart.NieuweSleutel{Naam: "A", Rol: kaart.Partner, Organisatie: "org-a"})
	partnerB := mk(kaart.NieuweSleutel{Naam: "B", Rol: kaart.Partner, Organisatie: "org-b"})
	regisseur := mk(kaart.NieuweSleutel{Naam: "R", Rol: kaart.Regisseur, Gemeente: "gm-1", Gebieden: []string{"wk-1"}})
	gemBeheer := mk(kaart.NieuweSleutel{Naam: "G", Rol: kaart.Beheerder, Gemeente: "gm-1"})
	platform := mk(kaart.NieuweSleutel{Naam: "P", Rol: kaart.Beheerder})
	all := []kaart.Sleutel{partnerA, partnerB, regisseur, gemBeheer, platform}

	viewers := map[string]kaart.Viewer{
		"anoniem":           {},
		"partner org-a":     {Rol: kaart.Partner, Organisatie: "org-a"},
		"regisseur gm-1":    {Rol: kaart.Regisseur, Gemeente: "gm-1", Gebieden: []string{"wk-1"}},
		"beheerder gm-1":    {Rol: kaart.Beheerder, Gemeente: "gm-1"},
		"beheerder gm-2":    {Rol: kaart.Beheerder, Gemeente: "gm-2"},
		"platformbeheerder": {Rol: kaart.Beheerder},
	}
	// manages lists, per viewer, the keys above it may see, rotate and revoke.
	manages := map[string][]kaart.Sleutel{
		"partner org-a":     {partnerA},
		"beheerder gm-1":    {regisseur, gemBeheer},
		"platformbeheerder": all,
	}
	// refusal is the code of a viewer who may manage no keys at all.
	refusal := map[string]string{"anoniem": kaart.EUNAUTHENTICATED, "regisseur gm-1": kaart.EFORBIDDEN}

	for name, v := range viewers {
		t.Run(name, func(t *testing.T) {
			list, err := s.ListAs(ctx, v)
			if code := refusal[name]; code != "" {
				if kaart.ErrorCode(err) != code {
					t.Errorf("ListAs = %v; want %s", err, code)
				}
				if _, _, err := s.RotateAs(ctx, v, partnerA.ID); kaart.ErrorCode(err) != code {
					t.Errorf("RotateAs = %v; want %s", err, code)
				}
				return
			}
			if err != nil {
				t.Fatalf("ListAs: %v", err)
			}
			want := map[string]bool{}
			for _, k := range manages[name] {
				want[k.ID] = true
			}
			var got []string
			for _, k := range list {
				if !want[k.ID] {
					t.Errorf("ListAs lists %s (%s); want only keys it manages", k.Naam, k.Rol)
				}
				got = append(got, k.ID)
			}
			if len(got) != len(want) {
				t.Errorf("ListAs = %d keys; want %d", len(got), len(want))
			}
			for _, k := range all {
				_, _, err := s.RotateAs(ctx, v, k.ID)
				switch {
				case want[k.ID] && err != nil:
					t.Errorf("RotateAs(%s) = %v; want allowed", k.Naam, err)
				case !want[k.ID] && kaart.ErrorCode(err) != kaart.ENOTFOUND:
					t.Errorf("RotateAs(%s) = %v; want NOT_FOUND, as for an unknown key", k.Naam, err)
				}
			}
		})
	}

	t.Run("create outside one's reach is FORBIDDEN", func(t *testing.T) {
		for _, c := range []struct {
			v kaart.Viewer
			n kaart.NieuweSleutel
		}{
			{kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-a"}, kaart.NieuweSleutel{Naam: "x", Rol: kaart.Partner, Organisatie: "org-b"}},
			{kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-a"}, kaart.NieuweSleutel{Naam: "x", Rol: kaart.Beheerder}},
			{kaart.Viewer{Rol: kaart.Beheerder, Gemeente: "gm-1"}, kaart.NieuweSleutel{Naam: "x", Rol: kaart.Beheerder}},
			{kaart.Viewer{Rol: kaart.Beheerder, Gemeente: "gm-1"}, kaart.NieuweSleutel{Naam: "x", Rol: kaart.Regisseur, Gemeente: "gm-2", Gebieden: []string{"wk-9"}}},
		} {
			if _, _, err := s.CreateAs(ctx, c.v, c.n); kaart.ErrorCode(err) != kaart.EFORBIDDEN {
				t.Errorf("CreateAs(%+v, %+v) = %v; want FORBIDDEN", c.v, c.n, err)
			}
		}
		if _, _, err := s.CreateAs(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-a"}, kaart.NieuweSleutel{Naam: "eigen", Rol: kaart.Partner, Organisatie: "org-a"}); err != nil {
			t.Errorf("partner creating a key for its own organisation: %v", err)
		}
	})

	t.Run("revoke outside one's reach changes nothing", func(t *testing.T) {
		if _, err := s.RevokeAs(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-a"}, partnerB.ID); kaart.ErrorCode(err) != kaart.ENOTFOUND {
			t.Errorf("RevokeAs(another partner's key) = %v; want NOT_FOUND", err)
		}
		list, _ := s.ListAs(ctx, kaart.Viewer{Rol: kaart.Beheerder})
		for _, k := range list {
			if k.ID == partnerB.ID && k.Ingetrokken != nil {
				t.Error("another partner's key was revoked")
			}
		}
	})
}

func TestRotate(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newSleutels()
	old, k, err := s.Create(ctx, "Buurtteam", kaart.Partner, "org-1", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh, rotated, err := s.RotateAs(ctx, kaart.Viewer{Rol: kaart.Partner, Organisatie: "org-1"}, k.ID)
	if err != nil {
		t.Fatalf("RotateAs: %v", err)
	}
	if rotated.ID != k.ID || fresh == old || !strings.HasPrefix(fresh, "sk_"+k.ID+"_") || rotated.Geroteerd == nil {
		t.Errorf("RotateAs = %q %+v; want a new token for the same key id, with Geroteerd", fresh, rotated)
	}
	if _, err := s.Authenticate(ctx, old); kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED {
		t.Errorf("old token after rotation: %v; want UNAUTHENTICATED at once", err)
	}
	if v, err := s.Authenticate(ctx, fresh); err != nil || v.Organisatie != "org-1" {
		t.Errorf("new token: %+v, %v; want the same partner", v, err)
	}
	if err := s.Revoke(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Rotate(ctx, k.ID); kaart.ErrorCode(err) != kaart.ECONFLICT {
		t.Errorf("rotating a revoked key: %v; want CONFLICT", err)
	}
}

func TestExpiry(t *testing.T) {
	ctx := context.Background()
	s, _, c := newSleutels()
	platform := kaart.Viewer{Rol: kaart.Beheerder}
	past := c.t.Add(-time.Minute)
	if _, _, err := s.CreateAs(ctx, platform, kaart.NieuweSleutel{Naam: "x", Rol: kaart.Beheerder, GeldigTot: &past}); kaart.ErrorCode(err) != kaart.EINVALID || !strings.Contains(err.Error(), "geldigTot") {
		t.Errorf("CreateAs with geldigTot in the past: %v; want BAD_USER_INPUT on geldigTot", err)
	}
	until := c.t.Add(time.Hour)
	token, k, err := s.CreateAs(ctx, platform, kaart.NieuweSleutel{Naam: "Tijdelijk", Rol: kaart.Beheerder, Gemeente: "gm-1", GeldigTot: &until})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, token); err != nil {
		t.Fatalf("before geldigTot: %v", err)
	}
	if k.Status(c.t) != kaart.SleutelActief {
		t.Errorf("Status before geldigTot = %s; want ACTIEF", k.Status(c.t))
	}
	c.t = until
	_, err = s.Authenticate(ctx, token)
	if kaart.ErrorCode(err) != kaart.EUNAUTHENTICATED || !strings.Contains(kaart.ErrorMessage(err), "verlopen") {
		t.Errorf("at geldigTot: %v; want UNAUTHENTICATED saying the key expired", err)
	}
	if k.Status(c.t) != kaart.SleutelVerlopen {
		t.Errorf("Status at geldigTot = %s; want VERLOPEN", k.Status(c.t))
	}
	if _, _, err := s.Rotate(ctx, k.ID); kaart.ErrorCode(err) != kaart.ECONFLICT {
		t.Errorf("rotating an expired key: %v; want CONFLICT", err)
	}
}
