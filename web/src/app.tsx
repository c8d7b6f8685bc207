import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './layout';
import { LoginPage } from './platform/login-page';
import { AuditPage } from './platform/audit-page';
import { PasswordPage } from './platform/password-page';
import { SchemePage } from './platform/scheme-page';
import { UsersPage } from './platform/users-page';
import { AreasPage } from './registry/areas-page';
import { EmployerPage, EmployersPage } from './registry/employers-page';
import { GroupsPage } from './registry/groups-page';
import { FacilitiesPage } from './registry/facilities-page';
import { RulesPage } from './schemes/rules-page';
import { ProductsPage } from './schemes/products-page';
import { DeclarationsPage } from './contributions/declarations-page';
import { PaymentsPage } from './contributions/payments-page';
import { CollectPage } from './contributions/collect-page';
import { CampaignsPage } from './contributions/campaigns-page';
import { CoveragePage } from './coverage/coverage-page';
import { DeskPage } from './eligibility/desk-page';
import { ImportPage } from './registry/import-page';
import { MemberPage } from './registry/member-page';
import { MembersPage } from './registry/members-page';
import { RegisterPage } from './registry/register-page';
import { ClaimsPage } from './claims/claims-page';
import { ClaimPage } from './claims/claim-page';
import { ClaimFormPage } from './claims/claim-form';
import { ProvidersPage } from './claims/providers-page';
import { BenefitsPage } from './claims/benefits-page';
import { PaymentRunPage, PaymentRunsPage } from './payments/payment-runs-page';
import { TicketsPage } from './care/tickets-page';
import { TicketPage } from './care/ticket-page';
import { TicketFormPage } from './care/ticket-form';
import { SurveysPage } from './care/surveys-page';
import { SurveyPage } from './care/survey-page';
import { SurveyAnswerPage } from './care/survey-answer-page';
import { CostingPage } from './monitoring/costing-page';
import { PlanningPage } from './monitoring/planning-page';
import { DashboardPage } from './monitoring/dashboard-page';
import { ReportsPage } from './monitoring/reports-page';
import { FederationPage } from './monitoring/federation-page';
import { MapPage } from './monitoring/map-page';
import { MeContext, useMeQuery } from './session';

export function App() {
  const { t } = useTranslation();
  const me = useMeQuery();
  // A member's own survey link needs no login.
  if (useLocation().pathname.startsWith('/survey/')) {
    return (
      <Routes>
        <Route path="/survey/:token" element={<SurveyAnswerPage />} />
      </Routes>
    );
  }
  if (me.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (!me.data) return <LoginPage />;
  // A federation's users read its schemes' figures; everyone else starts at the members.
  const home = me.data.federationId ? '/federation' : '/members';
  return (
    <MeContext.Provider value={me.data}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to={home} replace />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="members/new" element={<RegisterPage />} />
          <Route path="members/:id" element={<MemberPage />} />
          <Route path="employers" element={<EmployersPage />} />
          <Route path="employers/:id" element={<EmployerPage />} />
          <Route path="groups" element={<GroupsPage />} />
          <Route path="facilities" element={<FacilitiesPage />} />
          <Route path="areas" element={<AreasPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="contribution-rules" element={<RulesPage />} />
          <Route path="products" element={<ProductsPage />} />
          <Route path="declarations" element={<DeclarationsPage />} />
          <Route path="payments" element={<PaymentsPage />} />
          <Route path="collect" element={<CollectPage />} />
          <Route path="campaigns" element={<CampaignsPage />} />
          <Route path="members/:id/coverage" element={<CoveragePage />} />
          <Route path="desk" element={<DeskPage />} />
          <Route path="claims" element={<ClaimsPage />} />
          <Route path="claims/new" element={<ClaimFormPage />} />
          <Route path="claims/:id" element={<ClaimPage />} />
          <Route path="providers" element={<ProvidersPage />} />
          <Route path="benefits" element={<BenefitsPage />} />
          <Route path="payment-runs" element={<PaymentRunsPage />} />
          <Route path="payment-runs/:id" element={<PaymentRunPage />} />
          <Route path="tickets" element={<TicketsPage />} />
          <Route path="tickets/new" element={<TicketFormPage />} />
          <Route path="tickets/:id" element={<TicketPage />} />
          <Route path="surveys" element={<SurveysPage />} />
          <Route path="surveys/:id" element={<SurveyPage />} />
          <Route path="indicators" element={<DashboardPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="map" element={<MapPage />} />
          <Route path="costing" element={<CostingPage />} />
          <Route path="planning" element={<PlanningPage />} />
          <Route path="scheme" element={<SchemePage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="password" element={<PasswordPage />} />
          <Route path="federation" element={<FederationPage />} />
          <Route path="*" element={<Navigate to={home} replace />} />
        </Route>
      </Routes>
    </MeContext.Provider>
  );
}
