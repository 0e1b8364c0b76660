package config_test

import (
	"strings"
	"testing"

	"github.com/socialekaart/socialekaart/internal/config"
)

func TestLoginSettings(t *testing.T) {
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	cases := []struct {
		name string
		env  map[string]string
		want string // "" for valid
	}{
		{"off", nil, ""},
		{"dev login on localhost", map[string]string{"SOCIALEKAART_DEV_LOGIN": "true"}, ""},
		{"dev login on every interface", map[string]string{"SOCIALEKAART_DEV_LOGIN": "true", "SOCIALEKAART_ADDR": ":8080"}, "SOCIALEKAART_DEV_LOGIN"},
		{"dev login on a public address", map[string]string{"SOCIALEKAART_DEV_LOGIN": "1", "SOCIALEKAART_ADDR": "192.0.2.1:8080"}, "loopback"},
		{"oidc complete", map[string]string{"SOCIALEKAART_OIDC_ISSUER": "https://login.example.nl", "SOCIALEKAART_OIDC_CLIENT_ID": "kaart",
			"SOCIALEKAART_OIDC_REDIRECT_URL": "https://kaart.example.nl/auth/callback"}, ""},
		{"oidc without client id", map[string]string{"SOCIALEKAART_OIDC_ISSUER": "https://login.example.nl",
			"SOCIALEKAART_OIDC_REDIRECT_URL": "https://kaart.example.nl/auth/callback"}, "SOCIALEKAART_OIDC_CLIENT_ID"},
		{"oidc over plain http", map[string]string{"SOCIALEKAART_OIDC_ISSUER": "http://login.example.nl", "SOCIALEKAART_OIDC_CLIENT_ID": "kaart",
			"SOCIALEKAART_OIDC_REDIRECT_URL": "https://kaart.example.nl/auth/callback"}, "https"},
	}
	for _, c := range cases {
		cfg := config.Default()
		cfg.ApplyEnv(env(c.env))
		err := cfg.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v; want valid", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v; want a problem naming %s", c.name, err, c.want)
		}
	}
}
