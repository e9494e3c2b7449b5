package org.tuopin.security;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.access.CurrentScope;
import org.tuopin.access.Role;
import org.tuopin.access.Scope;
import org.tuopin.access.ScopeSql;
import org.tuopin.access.SecondFactor;
import org.tuopin.audit.AuditAction;
import org.tuopin.audit.AuditTrail;
import org.tuopin.audit.FieldChange;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tuopin.base.AfterConnectionRelease;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.UserError;
import org.tuopin.region.RegionLevel;
import org.tuopin.region.RegionRef;
import org.tuopin.region.RegionService;
import org.tuopin.base.ReadFromPrimary;

/**
 * Account administration (ADMIN, within the administrator's own scope) and the signed-in user's own
 * password. Every change is written to the audit trail in the same transaction.
 */
@Service
@Transactional
public class AccountService {

    /** What an administrator fills in to create an account. */
    public record NewAccount(String username, String displayName, Role role, String regionCode) {
    }

    private static final String TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final CurrentScope currentScope;
    private final RegionService regions;
    private final PasswordEncoder encoder;
    private final PasswordPolicy passwordPolicy;
    private final AuditTrail audit;
    private final SessionRegistry sessions;
    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final SecondFactorCheck secondFactor;
    private final SecondFactorAttempts codeAttempts;
    private final LoginAttempts attempts;
    private final SessionValidity sessionValidity;

    private final ApiTokenService tokens;

    AccountService(AccountRepository accounts, CurrentScope currentScope, RegionService regions,
                   PasswordEncoder encoder, PasswordPolicy passwordPolicy, AuditTrail audit, SessionRegistry sessions,
                   JdbcClient jdbc, SecretBox secrets, SecondFactorCheck secondFactor,
                   SecondFactorAttempts codeAttempts, LoginAttempts attempts, SessionValidity sessionValidity,
                   ApiTokenService tokens) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.currentScope = currentScope;
        this.regions = regions;
        this.encoder = encoder;
        this.passwordPolicy = passwordPolicy;
        this.audit = audit;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.secondFactor = secondFactor;
        this.codeAttempts = codeAttempts;
        this.attempts = attempts;
        this.sessionValidity = sessionValidity;
    }

    private static final String ROWS = """
            select a.id, a.username, a.display_name, a.role, r.code, r.name_en, r.name_zh, a.enabled, a.locked_until,
                   a.failed_attempts, a.must_change_password, a.totp_secret is not null as totp, a.version
            from account a join region r on r.id = a.region_id
            where r.path like :scope
              and (:text = '' or lower(a.username) like '%' || :text || '%' or lower(a.display_name) like '%' || :text || '%')
            """;

    @PreAuthorize("hasRole('ADMIN')")
    @ReadFromPrimary
    public List<AccountRow> find(String text, int offset, int limit) {
        return jdbc.sql(ROWS + " order by a.username limit :limit offset :offset")
                .param("scope", ScopeSql.param(currentScope.require()))
                .param("text", normalise(text)).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new AccountRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                        rs.getInt(10), rs.getBoolean(11), rs.getBoolean(12), rs.getLong(13)))
                .list();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @ReadFromPrimary
    public int count(String text) {
        return jdbc.sql("select count(*) from (" + ROWS + ") x")
                .param("scope", ScopeSql.param(currentScope.require())).param("text", normalise(text))
                .query(Integer.class).single();
    }

    /** Creates the account and returns its one-time password, which the user must change at first sign-in. */
    @PreAuthorize("hasRole('ADMIN')")
    public String create(NewAccount request) {
        String username = request.username() == null ? "" : request.username().trim().toLowerCase();
        if (!username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new UserError("accounts.error.username");
        }
        if (request.displayName() == null || request.displayName().isBlank() || request.displayName().length() > 120) {
            throw new UserError("accounts.error.displayName");
        }
        Objects.requireNonNull(request.role(), "role");
        if (accounts.findByUsername(username).isPresent()) {
            throw new UserError("accounts.error.taken", username);
        }
        RegionRef region = regionInScope(request.regionCode());
        Scope actor = currentScope.require();
        String temporary = temporaryPassword();
        Account account = new Account(username, request.displayName().trim(), encoder.encode(temporary), request.role(),
                region.id());
        account.setMustChangePassword(true);
        accounts.saveAndFlush(account);
        record(actor, AuditAction.CREATE, account, List.of(FieldChange.of("username", null, username),
                FieldChange.of("displayName", null, account.getDisplayName()),
                FieldChange.of("role", null, account.getRole()), FieldChange.of("region", null, region.code())), null);
        return temporary;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public String resetPassword(long id, long version) {
        Scope actor = currentScope.require();
        Account account = loadForChange(actor, id, version);
        String temporary = temporaryPassword();
        account.setPasswordHash(encoder.encode(temporary));
        account.setMustChangePassword(true);
        accounts.saveAndFlush(account);
        record(actor, AuditAction.PASSWORD_RESET, account, List.of(FieldChange.of("mustChangePassword", false, true)), null);
        // whoever was signed in with the old password is signed out (the administrator's own session stays), and
        // the personal API tokens made with it end too
        endSessionsEverywhere(account);
        tokens.revokeAllOf(actor, account.getId(), account.getUsername(), account.getRegionId(), "password reset");
        return temporary;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void setEnabled(long id, long version, boolean enabled, String reason) {
        Scope actor = currentScope.require();
        Account account = loadForChange(actor, id, version);
        if (account.isEnabled() == enabled) {
            return;
        }
        if (!enabled && account.getRole() == Role.ADMIN) {
            requireAnotherEnabledAdmin(account);
        }
        account.setEnabled(enabled);
        accounts.saveAndFlush(account);
        record(actor, enabled ? AuditAction.ACCOUNT_ENABLED : AuditAction.ACCOUNT_DISABLED, account,
                List.of(FieldChange.of("enabled", !enabled, enabled)), reason);
        if (!enabled) {
            endSessionsEverywhere(account);
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void unlock(long id, long version) {
        Scope actor = currentScope.require();
        Account account = loadForChange(actor, id, version);
        List<FieldChange> changes = List.of(FieldChange.of("failedAttempts", account.getFailedAttempts(), 0),
                FieldChange.of("lockedUntil", account.getLockedUntil(), null));
        account.setFailedAttempts(0);
        account.setLockedUntil(null);
        accounts.saveAndFlush(account);
        // the locks of the account at single addresses end too (LoginAttempts, DD022)
        jdbc.sql("delete from sign_in_failure where username = :u").param("u", account.getUsername()).update();
        record(actor, AuditAction.ACCOUNT_UNLOCKED, account, changes, null);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void changeRoleAndRegion(long id, long version, Role role, String regionCode, String displayName) {
        Scope actor = currentScope.require();
        Account account = loadForChange(actor, id, version);
        RegionRef region = regionInScope(regionCode);
        if (account.getRole() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherEnabledAdmin(account);
        } else if (!account.getRegionId().equals(region.id()) && region.level() != RegionLevel.COUNTRY) {
            requireAnotherNationalAdmin(account);
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 120) {
            throw new UserError("accounts.error.displayName");
        }
        List<FieldChange> changes = new ArrayList<>();
        if (account.getRole() != role) {
            changes.add(FieldChange.of("role", account.getRole(), role));
            account.setRole(role);
        }
        if (!account.getRegionId().equals(region.id())) {
            changes.add(FieldChange.of("region", regionCode(account.getRegionId()), region.code()));
            account.setRegionId(region.id());
        }
        if (!account.getDisplayName().equals(displayName.trim())) {
            changes.add(FieldChange.of("displayName", account.getDisplayName(), displayName.trim()));
            account.setDisplayName(displayName.trim());
        }
        if (changes.isEmpty()) {
            return;
        }
        accounts.saveAndFlush(account);
        record(actor, AuditAction.UPDATE, account, changes, null);
        // a new role or region must not live on in sessions that were opened under the old one
        endSessionsEverywhere(account);
    }

    /** Ends every open session of the account: its next request goes to the login page. */
    @PreAuthorize("hasRole('ADMIN')")
    public int endSessions(long id) {
        Scope actor = currentScope.require();
        Account account = loadInScope(actor, id);
        int ended = endSessionsEverywhere(account);
        record(actor, AuditAction.SESSIONS_ENDED, account, List.of(FieldChange.of("sessions", ended, 0)), null);
        return ended;
    }

    /** The signed-in user changes their own password; the current one must be given. */
    @PreAuthorize("isAuthenticated()")
    public void changeOwnPassword(String currentPassword, String newPassword) {
        Scope actor = currentScope.require();
        Account account = accounts.findById(actor.accountId()).orElseThrow();
        // refused unchecked while a sign-in from here would be (locked for this address, throttled, or locked after
        // wrong one-time codes): the lock must stop the guessing
        if ((account.getLockedUntil() != null && account.getLockedUntil().isAfter(Instant.now()))
                || attempts.refusal(account.getUsername(), SecondFactorAttempts.clientAddress()).isPresent()) {
            throw new UserError("password.locked");
        }
        if (currentPassword == null || !encoder.matches(currentPassword, account.getPasswordHash())) {
            countFailedSignIn(account.getUsername(), "wrong current password on password change");
            throw new UserError("password.currentWrong");
        }
        List<PasswordProblem> problems = passwordPolicy.check(account.getUsername(), newPassword);
        if (!problems.isEmpty()) {
            throw new UserError(problems.getFirst().messageKey());
        }
        if (encoder.matches(newPassword, account.getPasswordHash())) {
            throw new UserError("password.sameAsCurrent");
        }
        account.setPasswordHash(encoder.encode(newPassword));
        boolean wasForced = account.isMustChangePassword();
        account.setMustChangePassword(false);
        accounts.saveAndFlush(account);
        record(actor, AuditAction.PASSWORD_CHANGED, account, wasForced
                ? List.of(FieldChange.of("mustChangePassword", true, false)) : List.of(), null);
        // the account's other sessions were opened with the old password: they end, here and on other instances;
        // this one stays
        sessionValidity.endAllButCurrent(account.getId());
        expireSessions(account.getUsername());
    }

    /** Remembers the signed-in user's language ({@code en} or {@code zh-CN}) for their next sign-in. */
    @PreAuthorize("isAuthenticated()")
    public void setOwnLocale(String languageTag) {
        if (!"en".equals(languageTag) && !"zh-CN".equals(languageTag)) {
            throw new UserError("language.error");
        }
        Scope actor = currentScope.require();
        Account account = accounts.findById(actor.accountId()).orElseThrow();
        if (!languageTag.equals(account.getLocale())) {
            String before = account.getLocale();
            account.setLocale(languageTag);
            accounts.saveAndFlush(account);
            record(actor, AuditAction.UPDATE, account, List.of(FieldChange.of("locale", before, languageTag)), null);
        }
    }

    /** The signed-in user's remembered language, if they ever chose one. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public java.util.Optional<java.util.Locale> ownLocale() {
        return currentScope.find().flatMap(s -> accounts.findById(s.accountId()))
                .map(Account::getLocale).map(java.util.Locale::forLanguageTag);
    }

    /** Whether the signed-in user must choose a new password before doing anything else. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public boolean mustChangePassword() {
        return currentScope.find().flatMap(s -> accounts.findById(s.accountId()))
                .map(Account::isMustChangePassword).orElse(false);
    }

    /** Turns on sign-in with a one-time code, once the user has shown a code from the new secret. */
    @PreAuthorize("isAuthenticated()")
    public void enableTotp(String base32Secret, String code) {
        Scope actor = currentScope.require();
        Account account = accounts.findById(actor.accountId()).orElseThrow();
        var step = Totp.matchingStep(base32Secret, code, Instant.now());
        if (step.isEmpty()) {
            throw new UserError("totp.wrongCode");
        }
        account.setTotpSecret(secrets.seal(base32Secret));
        account.setLastTotpStep(step.getAsLong());
        accounts.saveAndFlush(account);
        record(actor, AuditAction.TOTP_ENABLED, account, List.of(FieldChange.of("totp", false, true)), null);
    }

    /** Turns the second factor off; needs a current code, and is refused where the role requires it. */
    @PreAuthorize("isAuthenticated()")
    public void disableTotp(String code) {
        Scope actor = currentScope.require();
        Account account = accounts.findById(actor.accountId()).orElseThrow();
        if (account.getTotpSecret() == null) {
            return;
        }
        if (totpRequired(account.getRole())) {
            throw new UserError("totp.required");
        }
        if (Totp.matchingStep(secrets.open(account.getTotpSecret()), code, Instant.now()).isEmpty()) {
            throw new UserError("totp.wrongCode");
        }
        account.setTotpSecret(null);
        accounts.saveAndFlush(account);
        record(actor, AuditAction.TOTP_DISABLED, account, List.of(FieldChange.of("totp", true, false)), null);
    }

    /** Whether the signed-in user has the second factor turned on. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public boolean totpEnabled() {
        return currentScope.find().flatMap(s -> accounts.findById(s.accountId()))
                .map(a -> a.getTotpSecret() != null).orElse(false);
    }

    /** Whether the signed-in user's role requires a second factor that they have not set up yet. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public boolean totpSetupRequired() {
        return currentScope.find().flatMap(s -> accounts.findById(s.accountId()))
                .map(a -> a.getTotpSecret() == null && totpRequired(a.getRole())).orElse(false);
    }

    /** What became of a one-time code at the second step of signing in. */
    public record CodeOutcome(Kind kind, @org.jspecify.annotations.Nullable Instant lockedUntil) {

        public enum Kind { ACCEPTED, WRONG, LOCKED }

        public boolean accepted() {
            return kind == Kind.ACCEPTED;
        }
    }

    /**
     * Completes a sign-in that is waiting for its one-time code. A code is accepted once (its time step must be later
     * than the last one accepted); a wrong or reused one counts, and the fifth within fifteen minutes locks the
     * account. While the account is locked codes are refused without being checked (docs/design-decisions/DD021).
     */
    @PreAuthorize("hasAuthority('" + SecondFactor.PENDING + "')")
    public CodeOutcome completeSecondFactor(String code) {
        String username = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication().getName();
        Account account = accounts.findByUsername(username).orElseThrow();
        String client = SecondFactorAttempts.clientAddress();
        Instant now = Instant.now();
        if (account.getLockedUntil() != null && account.getLockedUntil().isAfter(now)) {
            codeAttempts.refusedWhileLocked(username, client);
            return new CodeOutcome(CodeOutcome.Kind.LOCKED, account.getLockedUntil());
        }
        var step = account.getTotpSecret() == null ? java.util.OptionalLong.empty()
                : Totp.matchingStep(secrets.open(account.getTotpSecret()), code, now);
        if (step.isPresent() && codeAttempts.accept(account.getId(), step.getAsLong())) {
            Scope actor = new Scope(account.getId(), username, account.getRole(), account.getRegionId(), "", "");
            record(actor, AuditAction.SIGN_IN, account, List.of(), "one-time code accepted");
            // only now is the sign-in whole: the run of failures here ends and the address becomes known (DD022)
            attempts.succeeded(username, client, false);
            return new CodeOutcome(CodeOutcome.Kind.ACCEPTED, null);
        }
        return codeAttempts.wrongCode(username, client)
                .map(until -> new CodeOutcome(CodeOutcome.Kind.LOCKED, until))
                .orElse(new CodeOutcome(CodeOutcome.Kind.WRONG, null));
    }

    /** ADMIN accounts need a second factor outside demo mode; other roles when an administrator says so. */
    @PreAuthorize("isAuthenticated()")
    @ReadFromPrimary
    public boolean totpRequired(Role role) {
        return secondFactor.required(role);
    }

    /** A national setting: only an administrator bound to the country changes it (DD023). */
    @PreAuthorize("hasRole('ADMIN')")
    public void setTotpRequired(Role role, boolean required) {
        Scope actor = currentScope.requireNational();
        boolean before = totpRequired(role);
        jdbc.sql("update role_policy set totp_required = :q, version = version + 1 where role = :r")
                .param("q", required).param("r", role.name()).update();
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(actor.username(), actor.role().name()),
                AuditAction.UPDATE, "role_policy", role.name(), null,
                List.of(FieldChange.of("totpRequired", before, required)), null));
    }

    private Account loadInScope(Scope scope, long id) {
        Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("Account " + id));
        String path = jdbc.sql("select path from region where id = :id").param("id", account.getRegionId())
                .query(String.class).single();
        if (!scope.covers(path)) {
            throw new NotFoundException("Account " + id);
        }
        return account;
    }

    private Account loadForChange(Scope actor, long id, long version) {
        // the row lock makes a second administrator wait and then meet the new version, refused and audited below,
        // instead of failing anonymously at the flush
        jdbc.sql("select id from account where id = :id for update").param("id", id).query(Long.class).optional();
        Account account = loadInScope(actor, id);
        if (account.getVersion() != version) {
            // refused, and recorded in a transaction of its own since this one rolls back
            audit.recordStaleRefusal(new AuditTrail.Actor(actor.username(), actor.role().name()), "account",
                    account.getUsername(), account.getRegionId(), version, account.getVersion(), null);
            throw new ObjectOptimisticLockingFailureException(Account.class, id);
        }
        return account;
    }

    private void requireAnotherEnabledAdmin(Account account) {
        Integer others = jdbc.sql("select count(*) from account where role = 'ADMIN' and enabled and id <> :id")
                .param("id", account.getId()).query(Integer.class).single();
        if (others == 0) {
            throw new UserError("accounts.error.lastAdmin");
        }
        requireAnotherNationalAdmin(account);
    }

    /**
     * The national settings need an administrator bound to the country: the last one may not be disabled, given
     * another role or moved down into a province, since no provincial administrator could give them back (DD023).
     */
    private void requireAnotherNationalAdmin(Account account) {
        boolean national = jdbc.sql("select parent_id is null from region where id = :r")
                .param("r", account.getRegionId()).query(Boolean.class).single();
        if (!national || account.getRole() != Role.ADMIN || !account.isEnabled()) {
            return;
        }
        Integer others = jdbc.sql("""
                        select count(*) from account a join region r on r.id = a.region_id
                        where a.role = 'ADMIN' and a.enabled and a.id <> :id and r.parent_id is null""")
                .param("id", account.getId()).query(Integer.class).single();
        if (others == 0) {
            throw new UserError("accounts.error.lastNationalAdmin");
        }
    }

    private RegionRef regionInScope(String code) {
        if (code == null || code.isBlank() || code.startsWith("GROUP:")) {
            throw new UserError("accounts.error.region");
        }
        try {
            return regions.get(code.trim());
        } catch (NotFoundException e) {
            throw new UserError("accounts.error.region");
        }
    }

    private String regionCode(long regionId) {
        return jdbc.sql("select code from region where id = :id").param("id", regionId).query(String.class).single();
    }

    /**
     * A wrong current password counts as a failed sign-in of the account (five lock it). Counted once this
     * transaction has rolled back and given its connection back, so that the count survives the refusal.
     */
    private void countFailedSignIn(String username, String why) {
        String client = SecondFactorAttempts.clientAddress();
        Runnable count = () -> AfterConnectionRelease.run(() -> attempts.failed(username, client, why));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                count.run();
            }
        });
    }

    /** The id of the session the current request belongs to, if any: its owner's own session is kept. */
    private static @org.jspecify.annotations.Nullable String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }

    /**
     * Ends the account's sessions on every instance (at their next request, DD021) and, at once, those this instance's
     * registry knows; returns how many of the latter. An administrator acting on their own account keeps the session
     * they act in, as {@link #expireSessions} always did (disabled, it still ends: the account is no longer enabled).
     */
    private int endSessionsEverywhere(Account account) {
        if (currentScope.find().filter(s -> s.accountId() == account.getId()).isPresent()) {
            sessionValidity.endAllButCurrent(account.getId());
        } else {
            sessionValidity.endAll(account.getId());
        }
        return expireSessions(account.getUsername());
    }

    private int expireSessions(String username) {
        String current = currentSessionId();
        int ended = 0;
        for (Object principal : sessions.getAllPrincipals()) {
            if (principal instanceof org.springframework.security.core.userdetails.UserDetails user
                    && user.getUsername().equals(username)) {
                for (SessionInformation session : sessions.getAllSessions(principal, false)) {
                    if (!session.getSessionId().equals(current)) {
                        session.expireNow();
                        ended++;
                    }
                }
            }
        }
        return ended;
    }

    private void record(Scope actor, AuditAction action, Account account, List<FieldChange> changes, String reason) {
        audit.record(new AuditTrail.Event(new AuditTrail.Actor(actor.username(), actor.role().name()), action,
                "account", account.getUsername(), account.getRegionId(), changes, reason));
    }

    private static String normalise(String text) {
        return text == null ? "" : text.trim().toLowerCase();
    }

    static String temporaryPassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(TEMPORARY_ALPHABET.charAt(RANDOM.nextInt(TEMPORARY_ALPHABET.length())));
        }
        return sb.toString();
    }
}
