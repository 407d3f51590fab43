package data

import (
	"strings"
	"testing"
)

func TestCountries(t *testing.T) {
	for code, want := range map[string]string{"KOR": "Korea", "tur": "Türkiye", "CIV": "Côte d'Ivoire", "DEU": "Germany"} {
		if got, ok := CountryName(code); !ok || got != want {
			t.Errorf("CountryName(%s) = %q, %v", code, got, ok)
		}
	}
	if _, ok := CountryName("XYZ"); ok {
		t.Error("XYZ is not a country")
	}
	all := Countries()
	if len(all) != 249 {
		t.Errorf("%d countries, want the 249 of ISO 3166-1", len(all))
	}
	for _, c := range all {
		if len(c.Code) != 3 || strings.ToUpper(c.Code) != c.Code || c.Name == "" {
			t.Errorf("bad entry %+v", c)
		}
	}
}
