// Routes of the portal. Every page is a plain component; the server answers unknown paths with
// index.html (SPA fallback), so deep links like /documents/:id#eId work.
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuditPage } from '../access/AuditPage.tsx';
import { AuthProvider } from '../access/auth.tsx';
import { LoginPage } from '../access/LoginPage.tsx';
import { ReviewPage } from '../commitments/ReviewPage.tsx';
import { CompilePage, PreflightPage, RegisterPage } from '../docflow/DocflowPages.tsx';
import { DocumentPage } from '../documents/DocumentPage.tsx';
import { DocumentsPage } from '../documents/DocumentsPage.tsx';
import { CommandPage, DrillsPage, IncidentPage, IncidentsPage } from '../emergency/EmergencyPages.tsx';
import { AssessmentPage, AssessmentsPage } from '../evaluation/EvaluationPages.tsx';
import { HomePage } from '../gazette/HomePage.tsx';
import { IssuePage } from '../gazette/IssuePage.tsx';
import { MeetingPage, MeetingsPage } from '../meetings/MeetingPages.tsx';
import {
  IndicatorPage,
  PlanPage,
  PlansPage,
  PublicProgressListPage,
  PublicProgressPage,
  WarningsPage,
} from '../monitoring/MonitoringPages.tsx';
import { InterviewsPage, NotificationsPage, WebhooksPage } from '../notifications/NotificationPages.tsx';
import { OrgsPage } from '../orgs/OrgsPage.tsx';
import { SearchPage } from '../search/SearchPage.tsx';
import { DashboardPage } from '../supervision/DashboardPage.tsx';
import { NewItemPage } from '../supervision/ItemForms.tsx';
import { LedgerImportPage } from '../supervision/LedgerImport.tsx';
import { RankingsPage } from '../supervision/RankingsPage.tsx';
import { SettingsPage } from '../supervision/SettingsPage.tsx';
import { InboxPage, ItemPage, LedgerPage } from '../supervision/SupervisionPages.tsx';
import { ToastProvider } from './clipboard.tsx';
import { NotFound } from './common.tsx';
import { Layout } from './Layout.tsx';

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <ToastProvider>
          <Layout>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/issues/:id" element={<IssuePage />} />
              <Route path="/documents" element={<DocumentsPage />} />
              <Route path="/documents/:id" element={<DocumentPage />} />
              <Route path="/monitoring" element={<PlansPage />} />
              <Route path="/monitoring/plans/:id" element={<PlanPage />} />
              <Route path="/monitoring/indicators/:id" element={<IndicatorPage />} />
              <Route path="/monitoring/warnings" element={<WarningsPage />} />
              <Route path="/progress" element={<PublicProgressListPage />} />
              <Route path="/progress/:id" element={<PublicProgressPage />} />
              <Route path="/search" element={<SearchPage />} />
              <Route path="/orgs" element={<OrgsPage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/review" element={<ReviewPage />} />
              <Route path="/supervision" element={<LedgerPage />} />
              <Route path="/supervision/rankings" element={<RankingsPage />} />
              <Route path="/supervision/dashboard" element={<DashboardPage />} />
              <Route path="/supervision/settings" element={<SettingsPage />} />
              <Route path="/supervision/ledger-import" element={<LedgerImportPage />} />
              <Route path="/supervision/new" element={<NewItemPage />} />
              <Route path="/supervision/interviews" element={<InterviewsPage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
              <Route path="/admin/webhooks" element={<WebhooksPage />} />
              <Route path="/supervision/:id" element={<ItemPage />} />
              <Route path="/inbox" element={<InboxPage />} />
              <Route path="/meetings" element={<MeetingsPage />} />
              <Route path="/evaluation" element={<AssessmentsPage />} />
              <Route path="/evaluation/:id" element={<AssessmentPage />} />
              <Route path="/meetings/:id" element={<MeetingPage />} />
              <Route path="/docflow" element={<PreflightPage />} />
              <Route path="/docflow/register" element={<RegisterPage />} />
              <Route path="/docflow/compile" element={<CompilePage />} />
              <Route path="/emergency" element={<IncidentsPage />} />
              <Route path="/emergency/command" element={<CommandPage />} />
              <Route path="/emergency/drills" element={<DrillsPage />} />
              <Route path="/emergency/:id" element={<IncidentPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Layout>
        </ToastProvider>
      </AuthProvider>
    </BrowserRouter>
  );
}
