package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// fileConfig is the configuration file: JSON, read with the standard
// library, strictly (an unknown key is an error, so a misspelt one is not
// silently ignored). It lives at $BAL_CONFIG, or config.json in the bal
// directory of the user's configuration directory ($XDG_CONFIG_HOME/bal or
// ~/.config/bal on Linux, ~/Library/Application Support/bal on macOS,
// %AppData%\bal on Windows). It never holds the secret itself, only the
// path of a file that does, so that it can be shared and versioned.
type fileConfig struct {
	// Env is verifiering, produktion or fake.
	Env string `json:"env"`
	// The default credential (clientId, clientSecretFile, scopes …;
	// credentials.go); Services gives service groups their own, keyed by
	// the SDK's names ("geotorget", "ngp/byggnad").
	credentialConfig
	Services map[string]*credentialConfig `json:"services"`
	// TokenStore is the file tokens are shared through, or "off".
	TokenStore string `json:"tokenStore"`
	// Output is table or json.
	Output string `json:"output"`
	// Kommun is the municipality commands use unless --kommun says.
	Kommun string `json:"kommun"`
	// AppID names your product in the User-Agent.
	AppID string `json:"appId"`
	// OrderID is the Geotorget order (OrderID) download uses.
	OrderID string `json:"orderId"`

	auditConfig
}

// configPath returns the configuration file's path and whether it was
// named explicitly (and so must exist).
func (a *app) configFile() (string, bool) {
	if p := a.setting(a.configPath, "BAL_CONFIG", ""); p != "" {
		return p, true
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", false
	}
	return filepath.Join(dir, "bal", "config.json"), false
}

// config loads the configuration file once; a missing default file is an
// empty configuration.
func (a *app) config() (*fileConfig, error) {
	if a.file != nil {
		return a.file, nil
	}
	path, explicit := a.configFile()
	fc := &fileConfig{}
	if path == "" {
		a.file = fc
		return fc, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		a.file = fc
		return fc, nil
	}
	if err != nil {
		return nil, usageError("configuration file: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(fc); err != nil {
		return nil, usageError("configuration file %s: %v", path, err)
	}
	if err := fc.credentialPaths(path); err != nil {
		return nil, err
	}
	fc.auditPaths(path)
	a.file = fc
	return fc, nil
}
