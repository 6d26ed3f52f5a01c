package baltest

import "github.com/tjanstebaserad/bal-go/internal/codelist"

// The server's own copy of Lantmäteriet's code lists, spelled as the XML
// services write them. The fake is an independent implementation of
// Lantmäteriet's side: it does not import the SDK's model packages, so a
// mistake in their lists shows up as a disagreement with the server instead
// of passing on both sides.

const (
	statusPlanned            = "Planerad"
	statusValidInvestigation = "Gällande under utredning"
	statusValid              = "Gällande"
	statusRetired            = "Avregistrerad"
)

var (
	objectStatuses = codelist.New(statusPlanned, statusValidInvestigation, statusValid, statusRetired)

	buildingActions = codelist.New("Godkänt bygglov", "Ny färdigbyggd byggnad", "Befintlig byggnad",
		"Byggnaden färdigbyggd", "Ändrad byggnadsinformation", "Riven, nedbrunnen byggnad", "Felregistrerad byggnad",
		"Migrerat objekt")
	entranceActions  = codelist.New("Ny entré", "Ändrad entréinformation", "Borttagen entré")
	apartmentActions = codelist.New("Nybyggd lägenhet", "Befintlig lägenhet", "Ändrad lägenhetsinformation",
		"Ingår i annan lägenhet", "Riven lägenhet", "Felregistrerad lägenhet")
	addressActions = codelist.New("Ny", "Ändrad", "Borttagen", "Migrerat objekt")

	// purposeCategories are the byggnadsändamål element names.
	purposeCategories = codelist.New("Bostad", "Verksamhet", "Industri", "Samhallsfunktion",
		"Ekonomibyggnad", "Komplementbyggnad", "OvrigByggnad")
	residentialUses = codelist.New("Småhus friliggande", "Småhus kedjehus", "Småhus radhus",
		"Småhus med flera lägenheter", "Flerfamiljshus", "Ospecificerad")
	publicUses = codelist.New("Badhus", "Brandstation", "Busstation", "Djursjukhus", "Hälsocentral",
		"Högskola", "Ishall", "Järnvägsstation", "Kommunhus", "Kriminalvårdsanstalt", "Kulturbyggnad",
		"Multiarena", "Polisstation", "Ridhus", "Samfund", "Sjukhus", "Skola", "Sporthall",
		"Universitet", "Vårdcentral", "Ospecificerad")
	industrialUses = codelist.New("Industrihotell", "Metall- eller maskinindustri", "Textilindustri",
		"Trävaruindustri", "Annan tillverkningsindustri", "Övrig industribyggnad", "Ospecificerad")

	nameTypes         = codelist.New("Huvudnamn topografi", "Övrigt namn topografi", "Alternativnamn", "Alternativ byggnadsbeteckning")
	buildingRemarks   = codelist.New("Belägen på oidentifierat område")
	buildingPlacement = codelist.New("Fasad", "Takkant", "Illustrativt läge", "Ospecificerad")
	entranceTypes     = codelist.New("Bostadsadress", "Bostadsadress med registrerad lägenhet", "Butiksadress",
		"Besöksadress", "Leveransadress", "Uppgift saknas")
	yesNo        = codelist.New("Ja", "Nej", "Uppgift saknas")
	kitchenTypes = codelist.New("Kök", "Kokvrå", "Kokskåp", "Köksutrustning saknas", "Uppgift saknas")
	collections  = codelist.New("On-lineregistrering", "Satsvis laddning från fil", "Skannad blankett",
		"Annan uppgiftslämning", "Uppläggning från handläggningssystem", "Webbformulär",
		"Uppläggning från register", "Uppgift saknas")

	pointTypes      = codelist.New("Gatuadressplats", "Metertalsadressplats", "Byadressplats", "Gårdsadressplats")
	areaTypes       = codelist.New("Gatuadressområde", "Metertalsadressområde", "Byadressområde")
	addressStatuses = codelist.New("Föreslagen", "Reserverad", "Gällande")
	pointPlacements = codelist.New("Byggnad", "Ingång", "Infart", "Tomtplats", "Ungefärligt lägesbestämd", "Övrigt läge")
	positionSuffix  = codelist.New("UH", "UV", "U")
	pointRemarks    = codelist.New("Angöringsplats för taxi", "Busshållplats", "Järnvägstation/hållplats",
		"Kajplats", "Spårvagnshållplats", "Stoppställe för postutdelning", "Tunnelbanestationsnedgång", "Övrig anmärkning")
	facilityTypes = codelist.New("Avloppspumpstation", "Brygga", "Idrottsanläggning", "Småbåtshamn", "Återvinningsstation")

	bristStatuses = codelist.New("Öppen", "Åtgärdad", "Avvisad")
	caseTypes     = codelist.New("Fastighetsbildningsärende", "Ajourhållningsärende", "Kvalitetsärende")
	caseStatuses  = codelist.New("Inkommen", "Pågående", "Avslutad")
)

// actionsFor returns the åtgärdstyp list of an object type.
func actionsFor(typ string) *codelist.List[string] {
	switch typ {
	case "Byggnad":
		return buildingActions
	case "Entre":
		return entranceActions
	case "Lagenhet":
		return apartmentActions
	}
	return addressActions
}

// usesFor returns the published list of a purpose category's uses, nil for
// the categories whose list is not public.
func usesFor(category string) *codelist.List[string] {
	switch category {
	case "Bostad":
		return residentialUses
	case "Samhallsfunktion":
		return publicUses
	case "Industri":
		return industrialUses
	}
	return nil
}
