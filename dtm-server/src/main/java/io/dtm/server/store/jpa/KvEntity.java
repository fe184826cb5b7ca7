package io.dtm.server.store.jpa;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Row of dtm's {@code kv} table.
 */
@Entity
@Table(name = "kv")
class KvEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	Long id;

	@Column(name = "cat", nullable = false, length = 45)
	String cat;

	@Column(name = "k", nullable = false, length = 128)
	String k;

	@Column(name = "v")
	String v;

	@Column(name = "version")
	Long version;

	@Column(name = "create_time")
	LocalDateTime createTime;

	@Column(name = "update_time")
	LocalDateTime updateTime;

}
