package bal

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/codelist/codelisttest"
)

func TestObjectID(t *testing.T) {
	t.Parallel()
	const s = "39722cbb-f8b9-404b-a045-c5e6175f1001"
	id, err := ParseObjectID(s)
	require.NoError(t, err)
	assert.Equal(t, s, id.String())
	up, err := ParseObjectID("39722CBB-F8B9-404B-A045-C5E6175F1001")
	require.NoError(t, err)
	assert.Equal(t, id, up)
	for _, bad := range []string{"", "39722cbb", "{39722cbb-f8b9-404b-a045-c5e6175f1001}", "urn:uuid:39722cbb-f8b9-404b-a045-c5e6175f1001", "39722cbbxf8b9-404b-a045-c5e6175f1001", "39722cbbf8b9404ba045c5e6175f1001"} {
		_, err := ParseObjectID(bad)
		assert.Error(t, err, bad)
	}
	assert.True(t, ObjectID{}.IsZero())
	assert.Equal(t, "", ObjectID{}.String())
	assert.NotEqual(t, NewObjectID(), NewObjectID())

	b, err := json.Marshal(struct{ ID ObjectID }{id})
	require.NoError(t, err)
	assert.JSONEq(t, `{"ID":"`+s+`"}`, string(b))
	var back struct{ ID ObjectID }
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, id, back.ID)
	require.NoError(t, json.Unmarshal([]byte(`{"ID":""}`), &back))
	assert.True(t, back.ID.IsZero())
	assert.Error(t, json.Unmarshal([]byte(`{"ID":"nope"}`), &back))
	assert.Panics(t, func() { MustParseObjectID("nope") })
}

func TestStatusAndCodeLists(t *testing.T) {
	t.Parallel()
	codelisttest.Check[Status](t, []string{"Planerad", "Gällande under utredning", "Gällande", "Avregistrerad"})
	codelisttest.Check[ObjectType](t, []string{"Byggnad", "Entre", "Lagenhet", "Adressplats", "Adressomrade",
		"Gardsadressomrade", "Kommundel", "Brist", "Arende"})
	codelisttest.Check[PropertyType](t, []string{"Fastighet", "Samfällighet"})
	codelisttest.Check[ChangeKind](t, []string{"Ny", "Ändrad", "Avregistrerad"})

	assert.Equal(t, StatusValid, codelisttest.Read[Status](t, "GALLANDE"))
	assert.Equal(t, StatusValidUnderInvestigation, codelisttest.Read[Status](t, "gällande under utredning"))
	assert.Equal(t, Status("Reserverad"), codelisttest.Read[Status](t, "Reserverad"), "unknown values are kept")
	assert.Equal(t, ObjectTypeEntrance, codelisttest.Read[ObjectType](t, "Entré"))
	assert.Equal(t, ObjectTypeApartment, codelisttest.Read[ObjectType](t, "lägenhet"))
	assert.True(t, ObjectTypeDistrict.Updatable())
	assert.False(t, ObjectTypeCase.Updatable())
	assert.Equal(t, ChangeModified, codelisttest.Read[ChangeKind](t, "andrad"))
	assert.Equal(t, PropertyTypeJointProperty, codelisttest.Read[PropertyType](t, "samfallighet"))

	assert.Equal(t, []Status{StatusPlanned, StatusValidUnderInvestigation, StatusValid, StatusRetired}, Codes[Status](), "in life-cycle order")
	assert.Nil(t, Codes[ActionType](), "åtgärdstyper are listed per object type, by the typed packages")
	assert.Nil(t, Codes[string]())
	// A value read from JSON and written back keeps what it was.
	type rec struct {
		Status Status
		Kind   ChangeKind
	}
	var r rec
	require.NoError(t, json.Unmarshal([]byte(`{"Status":"gallande","Kind":"Flyttad"}`), &r))
	assert.Equal(t, rec{Status: StatusValid, Kind: "Flyttad"}, r)
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"Status":"Gällande","Kind":"Flyttad"}`, string(out))
}

func TestMunicipalityCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in string
		ok bool
	}{
		{"0180", true}, {"2180", true}, {"1280", true}, {"2584", true}, {"0980", true},
		{"180", false}, {"01800", false}, {"01a0", false}, {"1180", false}, {"9999", false}, {"0280", false}, {"", false}, {"٠١٨٠", false},
	}
	for _, tt := range tests {
		c, err := ParseMunicipalityCode(tt.in)
		if tt.ok {
			assert.NoError(t, err, tt.in)
			assert.Equal(t, MunicipalityCode(tt.in), c)
		} else {
			assert.Error(t, err, tt.in)
		}
	}
	assert.Equal(t, "Gävleborgs län", MunicipalityCode("2180").CountyName())
	assert.Equal(t, "", MunicipalityCode("9").County())
}

func TestActionProblems(t *testing.T) {
	t.Parallel()
	err := Action{}.Validate()
	var v *ValidationError
	require.ErrorAs(t, err, &v)
	assert.True(t, v.Has("Action.Type", RuleRequired))
	assert.True(t, v.Has("Action.Responsible", RuleRequired))
	assert.NoError(t, Action{Type: "Ny", Responsible: "2180"}.Validate())
}

func TestValidationError(t *testing.T) {
	t.Parallel()
	var v ValidationError
	assert.NoError(t, v.err())
	v.Object = "address.Point"
	v.add("Designation.Number", RuleRange, "must be 1–9999")
	v.addTo("Parts[1]", []Problem{{Path: "Surface", Rule: RuleGeometry, Message: "ring not closed"}, {Path: "[0]", Message: "x"}})
	v.addf("Owner", RuleFormat, "ägare %s saknas", "19121212-1212")
	err := v.err()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrValidation)
	assert.True(t, v.Has("Parts[1].Surface", RuleGeometry))
	assert.True(t, v.Has("Parts[1][0]", ""))
	assert.False(t, v.Has("Parts[1][0]", RuleGeometry), "the rule must match when given")
	assert.False(t, v.Has("Parts", ""))
	assert.Len(t, v.Problems, 4)
	assert.Equal(t, "bal: invalid address.Point: 4 problems: Designation.Number: must be 1–9999 (range); Parts[1].Surface: ring not closed (geometry); Parts[1][0]: x; Owner: ägare [masked] saknas (format)", err.Error())
	one := &ValidationError{Problems: []Problem{{Message: "no path"}}}
	assert.Equal(t, "bal: invalid input: no path", one.Error())
}

func TestEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base, token string
		ok          bool
	}{
		{"https://api-ver.lantmateriet.se", "https://apimanager-ver.lantmateriet.se/oauth2/token", true},
		{"https://proxy.kommun.se/lm/", "https://proxy.kommun.se/token", true},
		{"http://127.0.0.1:8080/api", "http://127.0.0.1:8080/token", true},
		{"http://localhost:1/api", "http://[::1]:1/token", true},
		{"http://api.lantmateriet.se", "https://apimanager.lantmateriet.se/oauth2/token", false},
		{"https://api.lantmateriet.se", "http://apimanager.lantmateriet.se/oauth2/token", false},
		{"http://10.0.0.1/api", "https://x/token", false},
		{"ftp://api.lantmateriet.se", "https://x/token", false},
		{"https://user:pw@api.lantmateriet.se", "https://x/token", false},
		{"https://api.lantmateriet.se?x=1", "https://x/token", false},
		{"api.lantmateriet.se", "https://x/token", false},
		{"https://api.lantmateriet.se", "https://x", false},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.token, func(t *testing.T) {
			t.Parallel()
			e, err := NewEnvironment("x", tt.base, tt.token)
			if !tt.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.NotContains(t, e.BaseURL()[len(e.BaseURL())-1:], "/")
		})
	}
	assert.Equal(t, "https://api-ver.lantmateriet.se", Verification.BaseURL())
	assert.Equal(t, "https://apimanager-ver.lantmateriet.se/oauth2/token", Verification.TokenURL())
	assert.Equal(t, "https://api.lantmateriet.se", Production.BaseURL())
	assert.Equal(t, "https://apimanager.lantmateriet.se/oauth2/token", Production.TokenURL())
	assert.Equal(t, DefaultUpdatePath, Production.UpdatePath())
	assert.Equal(t, "/ajourhallning/bal/v2", Production.WithUpdatePath("ajourhallning/bal/v2/").UpdatePath())
	assert.Equal(t, DefaultUpdatePath, Production.UpdatePath(), "WithUpdatePath returns a copy")
}

func TestNewClientReportsEveryConfigProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cfg   Config
		paths []string
	}{
		{"empty", Config{}, []string{"Environment", "Credentials"}},
		{"half credentials", Config{Environment: Verification, Credentials: ClientCredentials{ID: "x"}}, []string{"Credentials.Secret"}},
		{"bad scope", Config{Environment: Verification, Credentials: ClientCredentials{ID: "x", Secret: "y", Scopes: []string{"a b"}}}, []string{"Credentials.Scopes[0]"}},
		{"empty token source", Config{Environment: Verification, Credentials: TokenSource{}}, []string{"Credentials.Source"}},
		{"nil pointer", Config{Environment: Verification, Credentials: (*BasicAuth)(nil)}, []string{"Credentials"}},
		{"every credential kind checked", Config{Environment: Verification, Credentials: &ClientCredentials{ID: "x", Secret: "y", TokenURL: "http://auth.example/t"},
			ServiceCredentials: map[Service]Credential{
				ServiceGeotorget:      BasicAuth{Username: "a:b"},
				ServiceDirekt:         APIKey{Key: "two words"},
				NGPDataset("byggnad"): nil,
				NGPDataset(""):        APIKey{Key: "k"},
				"adresser":            APIKey{Key: "k"},
			}},
			[]string{"Credentials.TokenURL", "ServiceCredentials[geotorget].Username", "ServiceCredentials[geotorget].Password",
				"ServiceCredentials[direkt].Key", "ServiceCredentials[ngp/byggnad]", "ServiceCredentials[ngp/]", "ServiceCredentials[adresser]"}},
		{"service host", Config{Environment: Verification.WithServiceHost(ServiceGeotorget, "files.example/path"), Credentials: APIKey{Key: "k"}}, []string{"Environment"}},
		{"short timeout", Config{Environment: Verification, Credentials: ClientCredentials{ID: "x", Secret: "y"}, Timeout: 30e9}, []string{"Timeout"}},
		{"retries", Config{Environment: Verification, Credentials: ClientCredentials{ID: "x", Secret: "y"}, Retry: RetryPolicy{MaxAttempts: 11, MinWait: 2e9, MaxWait: 1e9}}, []string{"Retry.MaxAttempts", "Retry.MinWait"}},
		{"app id", Config{Environment: Verification, Credentials: ClientCredentials{ID: "x", Secret: "y"}, AppID: "a\nb", MaxResponseBytes: -1}, []string{"AppID", "MaxResponseBytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClient(tt.cfg)
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.ErrorIs(t, err, ErrValidation)
			for _, p := range tt.paths {
				assert.True(t, v.Has(p, ""), "want a problem at %s in %v", p, v.Problems)
			}
			assert.Len(t, v.Problems, len(tt.paths))
			assert.NotContains(t, err.Error(), "y\"", "the secret value is never echoed")
		})
	}
	c, err := NewClient(Config{Environment: Production, Credentials: ClientCredentials{ID: "x", Secret: "y"}})
	require.NoError(t, err)
	assert.Equal(t, RetryPolicy{MaxAttempts: DefaultMaxAttempts, MinWait: DefaultMinWait, MaxWait: DefaultMaxWait, MaxRetryAfter: DefaultMaxRetryAfter}, c.RetryPolicy())
	assert.Equal(t, "bal-go/"+SDKVersion, c.UserAgent())
}
