import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LANGUAGES, setLanguage } from './i18n';
import { useCan, useLogout, useMe } from './session';

/** The navigation follows the scheme's flow: the registry first; later parts join as they are built. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const can = useCan();
  const logout = useLogout();
  const schemeSections = [
    {
      title: t('nav.registry'),
      links: [
        { to: '/desk', label: t('nav.desk'), right: 'member.read' },
        { to: '/members', label: t('nav.members'), right: 'member.read' },
        { to: '/employers', label: t('nav.employers'), right: 'employer.read' },
        { to: '/groups', label: t('nav.groups'), right: 'group.read' },
        { to: '/facilities', label: t('nav.facilities'), right: 'facility.read' },
        { to: '/areas', label: t('nav.areas'), right: 'area.read' },
        { to: '/import', label: t('nav.import'), right: 'member.import' },
      ],
    },
    {
      title: t('nav.contributions'),
      links: [
        { to: '/products', label: t('nav.products'), right: 'product.read' },
        { to: '/contribution-rules', label: t('nav.rules'), right: 'product.read' },
        { to: '/declarations', label: t('nav.declarations'), right: 'contribution.read' },
        { to: '/payments', label: t('nav.payments'), right: 'contribution.read' },
        { to: '/collect', label: t('nav.collect'), right: 'collection.manage' },
        { to: '/campaigns', label: t('nav.campaigns'), right: 'contribution.read' },
      ],
    },
    {
      title: t('nav.claims'),
      links: [
        { to: '/claims', label: t('nav.claimList'), right: 'claim.read' },
        { to: '/claims/new', label: t('nav.claimNew'), right: 'claim.submit' },
        { to: '/benefits', label: t('nav.benefits'), right: 'claim.read' },
        { to: '/providers', label: t('nav.providers'), right: 'contract.read' },
        { to: '/payment-runs', label: t('nav.paymentRuns'), right: 'payrun.read' },
      ],
    },
    {
      title: t('nav.care'),
      links: [
        { to: '/tickets', label: t('nav.tickets'), right: 'care.figures' },
        { to: '/tickets/new', label: t('nav.ticketNew'), right: 'ticket.open' },
        { to: '/surveys', label: t('nav.surveys'), right: 'care.figures' },
      ],
    },
    {
      title: t('nav.monitoring'),
      links: [
        { to: '/indicators', label: t('nav.dashboard'), right: 'report.read' },
        { to: '/reports', label: t('nav.reports'), right: 'report.read' },
        { to: '/map', label: t('nav.map'), right: 'report.read' },
        { to: '/planning', label: t('nav.planning'), right: 'report.read' },
        { to: '/costing', label: t('nav.costing'), right: 'report.read' },
      ],
    },
    {
      title: t('nav.administration'),
      links: [
        { to: '/scheme', label: t('nav.scheme'), right: 'scheme.read' },
        { to: '/users', label: t('nav.users'), right: 'user.read' },
        { to: '/audit', label: t('nav.audit'), right: 'audit.read' },
      ],
    },
  ];
  // A federation's users have no scheme: their figures, and the costing, which needs none.
  const sections = me.federationId
    ? [
        {
          title: t('federation.title'),
          links: [
            { to: '/federation', label: t('nav.federation'), right: 'report.read' },
            { to: '/costing', label: t('nav.costing'), right: 'report.read' },
          ],
        },
      ]
    : schemeSections;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">riskpool</span>
        <span className="spacer" />
        <label className="language">
          <span className="sr-only">{t('common.language')}</span>
          <select
            value={i18n.language}
            onChange={(e) => void setLanguage(e.target.value)}
            aria-label={t('common.language')}
          >
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <NavLink to="/password" className="who">
          {me.displayName}
        </NavLink>
        <button type="button" className="link" onClick={() => void logout()}>
          {t('nav.logout')}
        </button>
      </header>
      <nav className="sidebar" aria-label={t('nav.main')}>
        {sections.map((s) => {
          const links = s.links.filter((l) => can(l.right));
          if (!links.length) return null;
          return (
            <div key={s.title}>
              <h2>{s.title}</h2>
              {links.map((l) => (
                <NavLink key={l.to} to={l.to}>
                  {l.label}
                </NavLink>
              ))}
            </div>
          );
        })}
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
