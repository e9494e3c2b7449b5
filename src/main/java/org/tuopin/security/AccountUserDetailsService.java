package org.tuopin.security;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tuopin.base.ReadFromPrimary;

@Service
class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository accounts;

    AccountUserDetailsService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    @ReadFromPrimary
    public UserDetails loadUserByUsername(String username) {
        Account a = accounts.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
        // the account-wide lock holds only for addresses the account never signed in from: LoginAttempts.refusal
        // decides it before the password is checked (DD022), so it is not a lock of the account itself here
        return User.withUsername(a.getUsername())
                .password(a.getPasswordHash())
                .authorities(List.of(new SimpleGrantedAuthority(a.getRole().authority())))
                .disabled(!a.isEnabled())
                .build();
    }
}
