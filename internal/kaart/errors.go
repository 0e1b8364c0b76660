package kaart

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. Each maps to one GraphQL extensions.code in graph/errors.go.
const (
	EINVALID         = "BAD_USER_INPUT"
	ENOTFOUND        = "NOT_FOUND"
	ECONFLICT        = "CONFLICT"
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EFORBIDDEN       = "FORBIDDEN"
	EUNAVAILABLE     = "UNAVAILABLE"
	EINTERNAL        = "INTERNAL"
)

// Error is a domain error whose message may be shown to a client. Messages are
// Dutch because they reach API users; anything else is wrapped and stays internal.
type Error struct {
	Code    string
	Message string
	// Field is the input path at fault ("input.telefoon"), empty when none.
	Field string
	// Afhankelijk lists ids of records that block a delete (CONFLICT only).
	Afhankelijk []string
	// Kandidaten lists the ids of the visible records a name given for
	// Field fits, when it fits more than one (BAD_USER_INPUT only).
	Kandidaten []string
	// Bestaand is the id of the record or koppeling that already holds
	// what a CONFLICT refused to store twice, when the viewer may see it.
	Bestaand string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with a formatted, client-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var v ValidationErrors
	if errors.As(err, &v) {
		return EINVALID
	}
	return EINTERNAL
}

// ErrorMessage returns the client-safe message of err; internal errors get a
// generic message so that no Cypher or driver text reaches a client.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Er ging iets mis aan onze kant. Probeer het later opnieuw."
}

// ValidationErrors collects every field error of one input, so a client sees
// all of them in one response.
type ValidationErrors []*Error

func (v ValidationErrors) Error() string {
	parts := make([]string, len(v))
	for i, e := range v {
		parts[i] = e.Error()
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records a BAD_USER_INPUT error for field.
func (v *ValidationErrors) Add(field, format string, args ...any) {
	*v = append(*v, &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was added, so callers can `return v.Err()`.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// NotFound is the one message for a record that does not exist or may not be
// seen: the two must be indistinguishable to the viewer.
func NotFound(soort, id string) *Error {
	return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("%s %q bestaat niet of is niet zichtbaar voor u.", soort, id)}
}
