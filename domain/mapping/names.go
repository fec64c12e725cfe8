package mapping

import "strings"

// Many files have one name column; leadq keeps first and last name apart
// so a letter can say "Sehr geehrte Frau Dr. Schmidt".

// salutationWords are the forms of address and academic titles that stand
// before a name, lower case without their dot.
var salutationWords = map[string]bool{
	"herr": true, "frau": true, "hr": true, "fr": true, "mr": true, "mrs": true, "ms": true, "miss": true,
	"dr": true, "prof": true, "dipl-ing": true, "dr-ing": true, "mag": true, "ing": true, "med": true,
	"phil": true, "rer": true, "nat": true, "hc": true, "univ": true, "univ-prof": true,
}

// nameParticles start a last name: "Ursula von der Leyen", "Lucia De Luca".
var nameParticles = map[string]bool{
	"von": true, "vom": true, "van": true, "zu": true, "zum": true, "zur": true, "de": true, "der": true,
	"den": true, "del": true, "della": true, "di": true, "da": true, "du": true, "dos": true, "das": true,
	"ten": true, "ter": true, "la": true, "le": true,
}

// nameSuffixes end a last name.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// nameWord is a word as the tables above hold it: lower case, no dots.
func nameWord(w string) string { return strings.ReplaceAll(strings.ToLower(w), ".", "") }

// SplitName splits "Frau Dr. Anna von Berg" or "Berg, Anna" into salutation, first and last name.
func SplitName(full string) (salutation, first, last string) {
	s := strings.Join(strings.Fields(full), " ")
	before, after, comma := strings.Cut(s, ",")
	if comma {
		if strings.Contains(after, ",") {
			return "", "", ""
		}
		salutation, first = leadingSalutation(strings.Fields(after))
		lastSal, lastName := leadingSalutation(strings.Fields(before))
		if salutation == "" {
			salutation = lastSal
		}
		return salutation, first, lastName
	}
	words := strings.Fields(s)
	salutation, rest := leadingSalutation(words)
	words = strings.Fields(rest)
	if len(words) == 0 {
		return salutation, "", ""
	}
	end := len(words)
	for end > 1 && nameSuffixes[nameWord(words[end-1])] {
		end--
	}
	start := end - 1
	for i := 1; i < end-1; i++ {
		if nameParticles[strings.ToLower(words[i])] {
			start = i
			break
		}
	}
	return salutation, strings.Join(words[:start], " "), strings.Join(words[start:], " ")
}

// leadingSalutation takes the salutation words off the front of a name;
// a name that is nothing but such words is left whole.
func leadingSalutation(words []string) (salutation, rest string) {
	n := 0
	for n < len(words) && salutationWords[nameWord(words[n])] {
		n++
	}
	if n == len(words) {
		n = 0
	}
	return strings.Join(words[:n], " "), strings.Join(words[n:], " ")
}

// joinName is the display name of first and last name.
func joinName(first, last string) string { return strings.TrimSpace(first + " " + last) }
