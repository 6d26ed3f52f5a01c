package compare

import (
	"strconv"

	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
)

// The attribute names the adapters write, as Lantmäteriet's XML spells the IUM's
// attributes. A municipality's columns are mapped to these names (Mapping.Attributes).
const (
	// AttrStatus is the objektstatus ("Gällande", "Planerad" …) of every type.
	AttrStatus = "objektstatus"

	// AttrHouseNumber is a byggnad's husnummer ("" for none).
	AttrHouseNumber = "husnummer"
	// AttrConstructionYear is a byggnad's nybyggnadsår ("" when not known).
	AttrConstructionYear = "nybyggnadsar"
	// AttrExtensionYear is a byggnad's tillbyggnadsår ("" when none).
	AttrExtensionYear = "tillbyggnadsar"
	// AttrMainBuilding is a byggnad's huvudbyggnad (true/false).
	AttrMainBuilding = "huvudbyggnad"
	// AttrExemptFromAddressing is a byggnad's undantagenFrånAdressättning (true/false).
	AttrExemptFromAddressing = "undantagenFranAdressattning"
	// AttrNonFreeGround is a byggnad's ofri grund (true/false).
	AttrNonFreeGround = "ofriGrund"
	// AttrServitude is a byggnad's byggnadsservitut (true/false).
	AttrServitude = "byggnadsservitut"
	// AttrPurposeCategory is the main byggnadsändamål's class (the byggnadstyp of
	// Lantmäteriet's maps): "Bostad", "Industri", "Samhällsfunktion" ….
	AttrPurposeCategory = "byggnadstyp"
	// AttrPurpose is the main byggnadsändamål's ändamål, e.g. "Småhus friliggande".
	AttrPurpose = "andamal"
	// AttrPlacement is the insamlingsläge of a byggnad's (first) byggnadsdel or of an
	// adressplats.
	AttrPlacement = "insamlingslage"
	// AttrProperty is the registerenhet a byggnad lies on (the first "ligger på"): its
	// designation, or its objektidentitet when the source gives no designation.
	AttrProperty = "registerenhet"

	// AttrDesignation is an adressplats's adressplatsbeteckning as written ("7A").
	AttrDesignation = "adressplatsbeteckning"
	// AttrPointType is an adressplats's adressplatstyp.
	AttrPointType = "adressplatstyp"
	// AttrAddressStatus is an adressplats's status för belägenhetsadress.
	AttrAddressStatus = "statusForBelagenhetsadress"
	// AttrPostalCode is an adressplats's postnummer.
	AttrPostalCode = "postnummer"
	// AttrPostTown is an adressplats's postort.
	AttrPostTown = "postort"
	// AttrAreaName is the address area an adressplats, or the byadressområde a
	// gårdsadressområde, belongs to: its fastställt namn, or its objektidentitet when the
	// source gives no name.
	AttrAreaName = "adressomrade"

	// AttrEntranceType is an entré's entrétyp.
	AttrEntranceType = "entretyp"
	// AttrElevator is an entré's hiss (ja/nej/uppgift saknas).
	AttrElevator = "hiss"
	// AttrBuilding is the objektidentitet of the byggnad an entré belongs to.
	AttrBuilding = "byggnad"
	// AttrAddressPoint is the objektidentitet of an entré's adressplats.
	AttrAddressPoint = "adressplats"

	// AttrApartmentNumber is a lägenhet's lägenhetsnummer.
	AttrApartmentNumber = "lagenhetsnummer"
	// AttrRooms is a lägenhet's antal rum.
	AttrRooms = "antalRum"
	// AttrLivingArea is a lägenhet's bostadsarea in m².
	AttrLivingArea = "bostadsarea"
	// AttrApartmentCategory is a lägenhet's lägenhetskategori.
	AttrApartmentCategory = "lagenhetskategori"
	// AttrKitchen is a lägenhet's kökstyp.
	AttrKitchen = "kokstyp"
	// AttrEntrance is the objektidentitet of the entré a lägenhet is reached through.
	AttrEntrance = "entre"

	// AttrName is the fastställt namn of an adressområde, gårdsadressområde or kommundel.
	AttrName = "faststalltNamn"
	// AttrAreaType is an adressområde's adressområdestyp.
	AttrAreaType = "adressomradestyp"
	// AttrDistrict is the kommundel an adressområde belongs to: its name, or its
	// objektidentitet.
	AttrDistrict = "kommundel"
	// AttrMunicipality is a kommundel's kommunkod.
	AttrMunicipality = "kommunkod"
)

// BuildingAttributes are the attributes FromBuilding writes, the names a municipality's
// building columns are mapped to.
var BuildingAttributes = []string{
	AttrStatus, AttrHouseNumber, AttrConstructionYear, AttrExtensionYear, AttrMainBuilding,
	AttrExemptFromAddressing, AttrNonFreeGround, AttrServitude, AttrPurposeCategory,
	AttrPurpose, AttrPlacement, AttrProperty,
}

// AddressPointAttributes are the attributes FromAddressPoint writes.
var AddressPointAttributes = []string{
	AttrStatus, AttrDesignation, AttrPointType, AttrAddressStatus, AttrPlacement,
	AttrPostalCode, AttrPostTown, AttrAreaName,
}

// attributesOf returns the attribute names the adapter of typ writes.
func attributesOf(typ bal.ObjectType) []string {
	switch typ {
	case bal.ObjectTypeBuilding:
		return BuildingAttributes
	case bal.ObjectTypeAddressPoint:
		return AddressPointAttributes
	case bal.ObjectTypeEntrance:
		return []string{AttrStatus, AttrEntranceType, AttrElevator, AttrBuilding, AttrAddressPoint}
	case bal.ObjectTypeApartment:
		return []string{AttrStatus, AttrApartmentNumber, AttrRooms, AttrLivingArea, AttrApartmentCategory, AttrKitchen, AttrEntrance}
	case bal.ObjectTypeAddressArea:
		return []string{AttrStatus, AttrName, AttrAreaType, AttrDistrict}
	case bal.ObjectTypeCourtyardArea:
		return []string{AttrStatus, AttrName, AttrAreaName}
	case bal.ObjectTypeDistrict:
		return []string{AttrStatus, AttrName, AttrMunicipality}
	}
	return nil
}

// FromBuilding returns Lantmäteriet's building as a Feature: its identity, the key
// BuildingKey gives (the first registerenhet it lies on and its husnummer), the attributes
// BuildingAttributes names, and its footprint: the surface of its byggnadsdel, or a
// MultiPolygon of the surfaces of several. A footprint keeps its heights when every part
// has them.
//
// The registerenhet is named by its designation where the source gives one (the Direkt
// services do) and by its objektidentitet where it does not (an extract): a municipality
// whose data names properties by designation, matching by key against an extract, sets
// Feature.Key from designations it looks up (package property) before comparing.
func FromBuilding(b *building.Building) Feature {
	f := Feature{Type: bal.ObjectTypeBuilding, ID: b.ID, Ref: b.ID.String(), Attributes: map[string]string{
		AttrStatus:               string(b.Status),
		AttrHouseNumber:          optInt(b.HouseNumber),
		AttrConstructionYear:     optInt(b.ConstructionYear),
		AttrExtensionYear:        optInt(b.ExtensionYear),
		AttrMainBuilding:         strconv.FormatBool(b.MainBuilding),
		AttrExemptFromAddressing: strconv.FormatBool(b.ExemptFromAddressing),
		AttrNonFreeGround:        strconv.FormatBool(b.NonFreeGround),
		AttrServitude:            strconv.FormatBool(b.Servitude),
		AttrPurposeCategory:      "",
		AttrPurpose:              "",
		AttrPlacement:            "",
		AttrProperty:             "",
	}}
	if p := mainPurpose(b.Purposes); p != nil {
		f.Attributes[AttrPurposeCategory] = string(p.Category)
		f.Attributes[AttrPurpose] = string(p.Use)
	}
	if len(b.Parts) > 0 {
		f.Attributes[AttrPlacement] = string(b.Parts[0].Placement)
	}
	if len(b.LiesOn) > 0 {
		f.Attributes[AttrProperty] = propertyName(b.LiesOn[0])
	}
	f.Key = BuildingKey(f.Attributes[AttrProperty], b.HouseNumber)
	f.Geometry = footprint(b.Parts)
	if f.Geometry != nil && f.Geometry.Layout().ZIndex() >= 0 {
		f.HeightSystem = RH2000
	}
	return f
}

// mainPurpose returns the purpose marked huvudändamål, else the first, else nil.
func mainPurpose(ps []building.Purpose) *building.Purpose {
	for i := range ps {
		if ps[i].Main {
			return &ps[i]
		}
	}
	if len(ps) > 0 {
		return &ps[0]
	}
	return nil
}

func propertyName(p bal.PropertyRef) string {
	if p.Designation != "" {
		return p.Designation
	}
	if p.ID.IsZero() {
		return ""
	}
	return p.ID.String()
}

func optInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// footprint joins the surfaces of a building's parts: nil without any, the surface itself
// for one, a MultiPolygon for several (in the first part's SRID and layout, or XY when the
// layouts differ, so that a part without heights does not invent them for the others).
func footprint(parts []building.Part) geom.T {
	var surfaces []geom.T
	for _, p := range parts {
		if p.Surface != nil {
			surfaces = append(surfaces, p.Surface)
		}
	}
	switch len(surfaces) {
	case 0:
		return nil
	case 1:
		return surfaces[0]
	}
	layout, srid := surfaces[0].Layout(), surfaces[0].SRID()
	for _, s := range surfaces[1:] {
		if s.Layout() != layout {
			layout = geom.XY
		}
	}
	mp := geom.NewMultiPolygon(layout).SetSRID(srid)
	add := func(p *geom.Polygon) {
		if p.Layout() != layout {
			p = polygonXY(p)
		}
		_ = mp.Push(p)
	}
	for _, s := range surfaces {
		switch s := s.(type) {
		case *geom.Polygon:
			add(s)
		case *geom.MultiPolygon:
			for i := range s.NumPolygons() {
				add(s.Polygon(i))
			}
		}
	}
	return mp
}

// polygonXY returns p without its heights.
func polygonXY(p *geom.Polygon) *geom.Polygon {
	stride := p.Stride()
	flat := p.FlatCoords()
	out := make([]float64, 0, len(flat)/stride*2)
	for i := 0; i+1 < len(flat); i += stride {
		out = append(out, flat[i], flat[i+1])
	}
	ends := make([]int, len(p.Ends()))
	for i, e := range p.Ends() {
		ends[i] = e / stride * 2
	}
	return geom.NewPolygonFlat(geom.XY, out, ends).SetSRID(p.SRID())
}

// FromAddressPoint returns Lantmäteriet's address point as a Feature: its identity, the key
// AddressKey gives (its area's name and its designation), the attributes
// AddressPointAttributes names, and its position.
func FromAddressPoint(p *address.Point) Feature {
	area := ""
	switch {
	case p.CourtyardArea != nil:
		area = nameOr(p.CourtyardArea.Name, p.CourtyardArea.ID)
	case p.Area != nil:
		area = nameOr(p.Area.Name, p.Area.ID)
	}
	f := Feature{Type: bal.ObjectTypeAddressPoint, ID: p.ID, Ref: p.ID.String(), Attributes: map[string]string{
		AttrStatus:        string(p.Status),
		AttrDesignation:   p.Designation.String(),
		AttrPointType:     string(p.Type),
		AttrAddressStatus: string(p.AddressStatus),
		AttrPlacement:     string(p.Placement),
		AttrPostalCode:    p.PostalCode,
		AttrPostTown:      p.PostTown,
		AttrAreaName:      area,
	}}
	f.Key = AddressKey(area, p.Designation.String())
	if p.Position != nil {
		f.Geometry = p.Position
	}
	return f
}

func nameOr(name string, id bal.ObjectID) string {
	if name != "" {
		return name
	}
	if id.IsZero() {
		return ""
	}
	return id.String()
}

func idText(id bal.ObjectID) string {
	if id.IsZero() {
		return ""
	}
	return id.String()
}

// FromObject returns any of the seven BAL object types of packages building and address
// (as pointers: *building.Building, *building.Entrance, *building.Apartment,
// *address.Point, *address.Area, *address.CourtyardArea, *address.District) as a Feature,
// and false for anything else. Entrances, apartments, areas and districts have no geometry
// of their own and are compared by their attributes; areas and districts are keyed by
// name, entrances and apartments only by identity.
func FromObject(o any) (Feature, bool) {
	switch o := o.(type) {
	case *building.Building:
		if o != nil {
			return FromBuilding(o), true
		}
	case *address.Point:
		if o != nil {
			return FromAddressPoint(o), true
		}
	case *building.Entrance:
		if o != nil {
			addr := ""
			if o.Address != nil {
				addr = idText(o.Address.ID)
			}
			return Feature{Type: bal.ObjectTypeEntrance, ID: o.ID, Ref: o.ID.String(), Attributes: map[string]string{
				AttrStatus: string(o.Status), AttrEntranceType: string(o.Type), AttrElevator: string(o.Elevator),
				AttrBuilding: idText(o.BuildingID), AttrAddressPoint: addr,
			}}, true
		}
	case *building.Apartment:
		if o != nil {
			rooms, area := "", ""
			if o.Rooms != nil {
				rooms = strconv.Itoa(*o.Rooms)
			}
			if o.LivingArea != nil {
				area = strconv.FormatFloat(*o.LivingArea, 'f', -1, 64)
			}
			return Feature{Type: bal.ObjectTypeApartment, ID: o.ID, Ref: o.ID.String(), Attributes: map[string]string{
				AttrStatus: string(o.Status), AttrApartmentNumber: o.Number, AttrRooms: rooms, AttrLivingArea: area,
				AttrApartmentCategory: string(o.Category), AttrKitchen: string(o.Kitchen), AttrEntrance: idText(o.EntranceID),
			}}, true
		}
	case *address.Area:
		if o != nil {
			return Feature{Type: bal.ObjectTypeAddressArea, ID: o.ID, Ref: o.ID.String(), Key: MakeKey(o.Name), Attributes: map[string]string{
				AttrStatus: string(o.Status), AttrName: o.Name, AttrAreaType: string(o.Type),
				AttrDistrict: nameOr(o.District.Name, o.District.ID),
			}}, true
		}
	case *address.CourtyardArea:
		if o != nil {
			return Feature{Type: bal.ObjectTypeCourtyardArea, ID: o.ID, Ref: o.ID.String(), Key: MakeKey(o.Name), Attributes: map[string]string{
				AttrStatus: string(o.Status), AttrName: o.Name, AttrAreaName: nameOr(o.Area.Name, o.Area.ID),
			}}, true
		}
	case *address.District:
		if o != nil {
			return Feature{Type: bal.ObjectTypeDistrict, ID: o.ID, Ref: o.ID.String(), Key: MakeKey(o.Name), Attributes: map[string]string{
				AttrStatus: string(o.Status), AttrName: o.Name, AttrMunicipality: string(o.Municipality.Code),
			}}, true
		}
	}
	return Feature{}, false
}
