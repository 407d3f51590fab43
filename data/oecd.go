package data

import "strings"

// oecdAccession is the year each OECD member joined (ratified the
// Convention), so that membership can be decided for any edition's year.
var oecdAccession = map[string]int{
	"AUS": 1971, "AUT": 1961, "BEL": 1961, "CAN": 1961, "CHE": 1961, "CHL": 2010,
	"COL": 2020, "CRI": 2021, "CZE": 1995, "DEU": 1961, "DNK": 1961, "ESP": 1961,
	"EST": 2010, "FIN": 1969, "FRA": 1961, "GBR": 1961, "GRC": 1961, "HUN": 1996,
	"IRL": 1961, "ISL": 1961, "ISR": 2010, "ITA": 1962, "JPN": 1964, "KOR": 1996,
	"LTU": 2018, "LUX": 1961, "LVA": 2016, "MEX": 1994, "NLD": 1961, "NOR": 1961,
	"NZL": 1973, "POL": 1996, "PRT": 1961, "SVK": 2000, "SVN": 2010, "SWE": 1961,
	"TUR": 1961, "USA": 1961,
}

// OECDMember reports whether the country was an OECD member in year.
func OECDMember(code string, year int) bool {
	y, ok := oecdAccession[strings.ToUpper(code)]
	return ok && y <= year
}

// AccessionYear returns the year a country joined the OECD.
func AccessionYear(code string) (int, bool) {
	y, ok := oecdAccession[strings.ToUpper(code)]
	return y, ok
}
