package shape_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/wire/direkt"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/byggnad3"
	"github.com/tjanstebaserad/bal-go/internal/wire/direkt/shape"
)

// The byggnad3 testdata plant unknown elements; the shape check finds
// exactly those.
func TestDroppedXML(t *testing.T) {
	t.Parallel()
	in, err := os.ReadFile("../byggnad3/testdata/total.xml")
	require.NoError(t, err)
	var r byggnad3.ByggnadResponse
	require.NoError(t, direkt.UnmarshalXML(in, &r))
	out, err := direkt.MarshalXML(r)
	require.NoError(t, err)
	got, err := shape.DroppedXML(in, out)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"ByggnadResponse/ByggnadMember/Byggnad/Byggnadsattribut/framtidaAttribut",
		"ByggnadResponse/ByggnadMember/Byggnad/Okandandamal",
		"ByggnadResponse/ByggnadMember/Byggnad/Okandandamal/andamal",
		"ByggnadResponse/ByggnadMember/Byggnad/framtidaRelation",
		"ByggnadResponse/ByggnadMember/Byggnad/framtidaRelation/objektidentitet",
	}, got)
}

func TestDroppedJSON(t *testing.T) {
	t.Parallel()
	in, err := os.ReadFile("../byggnad3/testdata/total.json")
	require.NoError(t, err)
	var fc byggnad3.FeatureCollection
	require.NoError(t, json.Unmarshal(in, &fc))
	out, err := json.Marshal(byggnad3.NewFeatureCollection(fc.Byggnader()))
	require.NoError(t, err)
	got, err := shape.DroppedJSON(in, out)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"features/properties/byggnadsattribut/framtidaAttribut",
		"features/properties/framtidaRelation",
		"features/properties/framtidaRelation/objektidentitet",
	}, got)
}

func TestDroppedIgnoresEmpty(t *testing.T) {
	t.Parallel()
	got, err := shape.DroppedXML([]byte(`<a><b/><c>0</c><d> </d><e>false</e></a>`), []byte(`<a/>`))
	require.NoError(t, err)
	assert.Empty(t, got)
	got, err = shape.DroppedJSON([]byte(`{"a":null,"b":"","c":0,"d":false,"e":[],"f":{}}`), []byte(`{}`))
	require.NoError(t, err)
	assert.Empty(t, got)
}
