package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// TestReportNotReadyExits9: a report the platform has not made yet (204)
// exits 9 with one line, so that a polling script tells it from a failure;
// once the fake's clock has passed its validation, the same command shows it.
// Not parallel: the command finds a running fake through the process's
// environment, as baltest.FakeFromEnv does.
func TestReportNotReadyExits9(t *testing.T) {
	srv := baltest.NewServer(baltest.WithData(gen.Config{Buildings: gen.MinBuildings}))
	defer srv.Close()
	c := srv.Client()
	defer c.CloseIdleConnections()
	ctx := t.Context()

	nbs, err := ngp.FromRegister([]*building.Building{srv.Dataset().Buildings[0]}, &ngp.MappingOptions{Municipality: bal.MunicipalityCode(srv.Kommunkod())})
	require.NoError(t, err)
	require.Len(t, nbs, 1)
	o, err := nbs[0].Object()
	require.NoError(t, err)
	d := ngp.New(c).Deliveries
	r, err := d.Register(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: srv.Kommunkod()})
	require.NoError(t, err)
	_, err = d.RegisterChanges(ctx, r.ID, []ngp.NewChange{{ObjectID: nbs[0].ID, Type: ngp.ChangeDelivery}})
	require.NoError(t, err)
	_, err = d.Upload(ctx, r.ID, nbs[0].ID, o.Media, o.Body)
	require.NoError(t, err)

	vars := map[string]string{"BAL_TOKEN_STORE": "off"}
	for _, kv := range srv.Env("") {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
		t.Setenv(k, v)
	}
	args := []string{"ngp", "report", r.ID, nbs[0].ID.String(), "-o", "json"}

	var out, errOut bytes.Buffer
	code := newApp(&out, &errOut, env(vars)).run(ctx, args)
	assert.Equal(t, exitNotReady, code, errOut.String())
	assert.Empty(t, out.String())
	assert.Regexp(t, `\nbal: the report of \S+ in mottagning \S+ is not ready yet; try again later\n$`, errOut.String())

	srv.Clock().Advance(time.Hour) // past the validation (2 s by default)
	out.Reset()
	errOut.Reset()
	code = newApp(&out, &errOut, env(vars)).run(ctx, args)
	assert.Equal(t, exitOK, code, errOut.String())
	assert.Contains(t, out.String(), `"cases"`)
}
