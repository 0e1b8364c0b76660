package httpserver

import (
	"context"
	"log/slog"
)

// requestInfo travels in a request's context. Inner middleware fills in
// what outer middleware logs (the key used), so it is a pointer.
type requestInfo struct {
	id       string
	clientIP string
	sleutel  string
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context, info *requestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, info)
}

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return info
}

// RequestID returns the id of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	if info := infoFrom(ctx); info != nil {
		return info.id
	}
	return ""
}

// ClientIP returns the client address of the request ctx belongs to, as
// decided from the peer and, behind a trusted proxy, X-Forwarded-For.
func ClientIP(ctx context.Context) string {
	if info := infoFrom(ctx); info != nil {
		return info.clientIP
	}
	return ""
}

// NewLogHandler wraps next so that every record logged with a request's
// context (logger.InfoContext(ctx, …)) carries that request's request_id.
func NewLogHandler(next slog.Handler) slog.Handler {
	return &logHandler{next: next}
}

type logHandler struct {
	next slog.Handler
}

func (h *logHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.next.Handle(ctx, r)
}

func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logHandler{next: h.next.WithAttrs(attrs)}
}

func (h *logHandler) WithGroup(name string) slog.Handler {
	return &logHandler{next: h.next.WithGroup(name)}
}
