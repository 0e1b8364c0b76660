package neo4j_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/socialekaart/socialekaart/internal/kaart"
	"github.com/socialekaart/socialekaart/internal/neo4jtest"
)

// TestSleutelStore keeps a key's expiry, replaces its hash on rotation and
// refuses to rotate a revoked key.
func TestSleutelStore(t *testing.T) {
	t.Parallel()
	s := neo4jtest.Open(t)
	ctx := context.Background()
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	now := time.Now().UTC().Truncate(time.Millisecond)
	until := now.Add(24 * time.Hour)
	k := kaart.Sleutel{ID: hex.EncodeToString(b), Naam: "store test", Rol: kaart.Partner, Organisatie: "org-x", Aangemaakt: now, GeldigTot: &until}
	if err := s.CreateSleutel(ctx, k, []byte("oud")); err != nil {
		t.Fatal(err)
	}
	got, hash, err := s.SleutelByID(ctx, k.ID)
	if err != nil || string(hash) != "oud" || got.GeldigTot == nil || !got.GeldigTot.Equal(until) || got.Geroteerd != nil {
		t.Fatalf("SleutelByID = %+v %q %v; want geldigTot %s, not rotated", got, hash, err, until)
	}
	if err := s.RotateSleutel(ctx, k.ID, []byte("nieuw"), now); err != nil {
		t.Fatalf("RotateSleutel: %v", err)
	}
	got, hash, _ = s.SleutelByID(ctx, k.ID)
	if string(hash) != "nieuw" || got.Geroteerd == nil || !got.Geroteerd.Equal(now) {
		t.Errorf("after rotation: %+v %q; want the new hash and geroteerd", got, hash)
	}
	if err := s.RotateSleutel(ctx, "000000000000000000000000", []byte("x"), now); kaart.ErrorCode(err) != kaart.ENOTFOUND {
		t.Errorf("RotateSleutel(unknown) = %v; want NOT_FOUND", err)
	}
	if err := s.RevokeSleutel(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RotateSleutel(ctx, k.ID, []byte("na intrekken"), now); kaart.ErrorCode(err) != kaart.ECONFLICT {
		t.Errorf("RotateSleutel(revoked) = %v; want CONFLICT", err)
	}
	if _, hash, _ := s.SleutelByID(ctx, k.ID); string(hash) != "nieuw" {
		t.Errorf("hash after refused rotation = %q; want unchanged", hash)
	}
}
