package i18n

import (
	"errors"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

// TestDomainErrorsInGerman words the domain's refusals through the German
// catalog: typed values by their German names, nothing English left.
func TestDomainErrorsInGerman(t *testing.T) {
	de, en := For(German), For(English)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)
	l := &domain.Lead{Name: "Jürgen Müller", Stage: domain.StageMQL}
	noName := &domain.Lead{Stage: domain.StageMQL}
	_, _, timelineErr := domain.ParseTimeline("31.04.2027", now)
	_, dtErr := domain.ParseDateTime("irgendwann", now)
	_, amountErr := domain.ParseAmount("-5 €")
	for _, tc := range []struct {
		err    error
		de, en string
	}{
		{domain.CheckMove(domain.StageOpportunity, domain.StageSQL, ""),
			"von Opportunity nach SQL ist eine Herabstufung: dieser Schritt braucht einen Grund",
			"moving from Opportunity to SQL is a demotion: this move needs a reason"},
		{domain.CheckMove(domain.StageInquiry, domain.StageCustomer, "x"),
			"von Anfrage nach Kunde geht nicht: von Anfrage geht es nur nach MQL, SAL, Nurturing, Disqualifiziert",
			"cannot move from Inquiry to Customer: from Inquiry a lead may go to MQL, SAL, Nurture, Disqualified"},
		{l.PlanAllowed(),
			"ein Opportunity-Plan beginnt bei SQL: Jürgen Müller steht auf MQL – den Lead zuerst weiterschieben",
			"an opportunity plan starts at SQL: Jürgen Müller is at MQL — move the lead first"},
		{noName.PlanAllowed(),
			"ein Opportunity-Plan beginnt bei SQL: dieser Lead steht auf MQL – den Lead zuerst weiterschieben",
			"an opportunity plan starts at SQL: this lead is at MQL — move the lead first"},
		{domain.ValidatePostalCode("DE", "1234"),
			"1234 passt nicht als deutsche PLZ (fünf Ziffern, etwa 80331)",
			"1234 is not a German postal code: it has five digits, like 80331"},
		{timelineErr, "31.04.2027 ist kein Datum: der April hat 30 Tage", "31.04.2027 is not a date: April has 30 days"},
		{dtErr, "irgendwann ist keine Zeitangabe: etwa 15.03.2027 14:30, 15.03. 14:30, 14:30, 9.30, morgen 9, Freitag 10:00, in 2 Stunden oder +2h",
			"irgendwann is not a time: write it like 15.03.2027 14:30, 15.03. 14:30, 14:30, 9.30, morgen 9, Freitag 10:00 or +2h"},
		{amountErr, "-5 € ist kein Betrag: es liegt unter null", "-5 € is not an amount: it is below zero"},
		{domain.ValidateEmail("anna@mueller"), "anna@mueller ist keine E-Mail-Adresse: die Domain mueller hat keinen Punkt",
			"anna@mueller is not an email address: the domain mueller has no dot"},
	} {
		if tc.err == nil {
			t.Errorf("no error where %q was expected", tc.en)
			continue
		}
		if got := de.Error(tc.err); got != tc.de {
			t.Errorf("German:\n got %q\nwant %q", got, tc.de)
		}
		if got := en.Error(tc.err); got != tc.en {
			t.Errorf("English:\n got %q\nwant %q", got, tc.en)
		}
		if got := tc.err.Error(); got != tc.en {
			t.Errorf("Error():\n got %q\nwant %q", got, tc.en)
		}
	}
}

// TestConfirmationQuestionInGerman: the cadence's question is a Problem
// the catalog words, and still ErrNeedsConfirmation.
func TestConfirmationQuestionInGerman(t *testing.T) {
	now := time.Date(2026, 12, 2, 11, 0, 0, 0, time.Local)
	l := &domain.Lead{Name: "Jürgen Müller", Stage: domain.StageMQL,
		Consent: domain.Consent{Status: domain.ConsentOptIn, Date: now.AddDate(0, -1, 0)}}
	if err := l.LogTouch(domain.KindNewsletter, "", false, "", now.Add(-2*time.Hour), "anna"); err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[domain.ActivityKind]string{
		domain.KindNewsletter: "Jürgen Müller hatte heute schon einen Newsletter (09:00): noch einmal senden?",
		domain.KindMailing:    "Jürgen Müller hatte heute schon einen Newsletter (09:00): auch eine Kampagnen-Mail senden?",
	} {
		err := l.LogTouch(kind, "", false, "", now, "anna")
		if !errors.Is(err, domain.ErrNeedsConfirmation) {
			t.Fatalf("%s: %v is not ErrNeedsConfirmation", kind, err)
		}
		if got := For(German).Error(err); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestFieldErrorWordsItsProblem: a refused field carries its Problem.
func TestFieldErrorWordsItsProblem(t *testing.T) {
	l := &domain.Lead{Name: "Anna", Company: domain.Company{Name: "X"}, Phone: "12"}
	errs := l.Validate()
	if len(errs) != 1 || errs[0].Field != "phone" {
		t.Fatalf("got %v", errs)
	}
	got := For(German).Error(errs[0].Err)
	if !strings.HasPrefix(got, "12 ist keine Telefonnummer") {
		t.Errorf("got %q", got)
	}
}
