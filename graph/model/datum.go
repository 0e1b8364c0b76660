package model

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/socialekaart/socialekaart/internal/kaart"
)

// MarshalDatum writes a calendar date as "YYYY-MM-DD".
func MarshalDatum(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.DateOnly)))
	})
}

// UnmarshalDatum reads "YYYY-MM-DD" as midnight UTC. A malformed date is a
// BAD_USER_INPUT error.
func UnmarshalDatum(v any) (time.Time, error) {
	s, ok := v.(string)
	if ok {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			if msg := kaart.CheckDatum(t); msg != "" {
				return time.Time{}, kaart.Errorf(kaart.EINVALID, "%s", msg)
			}
			return t, nil
		}
	}
	return time.Time{}, kaart.Errorf(kaart.EINVALID, "is geen geldige datum (JJJJ-MM-DD, zoals 2024-01-31)")
}
