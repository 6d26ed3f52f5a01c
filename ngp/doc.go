// Package ngp publishes a municipality's datasets to Lantmäteriet's national
// geodata platform (nationella geodataplattformen, NGP) and reads the
// platform's datasets.
//
//	c := ngp.New(balClient)
//	res, err := c.Deliveries.Publish(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2180"}, objects, nil)
//	for f, err := range c.Dataset("byggnad", "v1").Search(ctx, &ngp.Query{CRS: geometry.SWEREF99TM}) { … }
//
// What it covers, from the platform's documented APIs (shared/spec/ngp.md):
//
//   - Deliveries: Geodatakatalog Uppdatering v1.1, exactly as documented:
//     mottagningar, förändringar (leverans, radering, eftersändning),
//     uploads with the model's media type, whose 303 is success and is not
//     followed, statuses, validation reports (204 while not ready) and
//     /health. Publish runs the whole flow with bounded concurrency, a
//     progress callback and a saved state, and, because the API has no
//     idempotency keys, recovers from broken connections by reading back
//     what the server has: nothing is registered twice, and an object that
//     arrived is not uploaded again.
//   - Resources: Geodatakatalog Uppladdning v1.2 (create, upload, eftersändning,
//     read, delete; the upload paths are modelled, see Resources).
//   - Dataset and Product: Geodatakatalog Sökning (an OGC API Features /
//     STAC hybrid) and Lantmäteriet's own OGC API Features products, read
//     with the same code: collections, items and STAC search with bbox and
//     bbox-crs, crs, limit and CQL2-JSON filters, following links[rel=next]
//     (GET, or POST with a body merged into the previous one) as iter.Seq2.
//     The answer's CRS comes from its Content-Crs header and EPSG's
//     northing-first axis order is undone: geometries come back with
//     X = easting, as everywhere in the SDK.
//   - Downloads: Geodatakatalog Nedladdning, resumable (HTTP Range into a
//     .part file, checked by length).
//   - Building: the national specification Byggnad's physical building
//     (fysisk byggnad) with its exact geometry (geometri-2.0) and geometry
//     metadata (geometrimetadata-2.0.1) from package geometry, and
//     FromRegister, the documented mapping from BAL's registerbyggnader.
//     The Byggnad body's other attribute names are modelled: the
//     specification's schema is not public.
//
// Faults are Lantmäteriet's JSON fault v1 ({"code":400,"reason":…,
// "errors":[…]}), returned as *bal.Error like every other answer of the SDK.
// Producer credentials are issued per dataset: give each its credential as
// bal.Config.ServiceCredentials[bal.NGPDataset(name)] and publish through
// Client.WithDataset(name). The token is never sent to a host other than
// the environment's: a report or a next link on another host is refused,
// and a download's 303 to a file host elsewhere is followed without it.
package ngp
