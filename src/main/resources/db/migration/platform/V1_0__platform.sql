-- Platform tables that are global (no tenant): Spring Session storage and sign-in throttling.
-- Schema from spring-session-jdbc 4.0 (schema-postgresql.sql); Boot's initializer is off, Flyway owns it.
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

grant select, insert, update, delete on spring_session, spring_session_attributes to ${app_role};

-- Failed sign-in counters, keyed by 'account:<email>' or 'ip:<address>'.
create table sign_in_throttle (
    throttle_key    text        primary key,
    failures        int         not null,
    last_failure_at timestamptz not null,
    blocked_until   timestamptz not null
);
grant select, insert, update, delete on sign_in_throttle to ${app_role};
