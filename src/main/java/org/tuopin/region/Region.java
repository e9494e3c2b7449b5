package org.tuopin.region;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "region")
public class Region {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RegionLevel level;

    @Column(name = "parent_id")
    private @Nullable Long parentId;

    @Column(name = "name_en", nullable = false)
    private String nameEn;

    @Column(name = "name_zh", nullable = false)
    private String nameZh;

    @Enumerated(EnumType.STRING)
    private @Nullable Designation designation;

    @Column(name = "eight_provinces", nullable = false)
    private boolean eightProvinces;

    @Column(nullable = false)
    private String path;

    @Version
    private long version;

    protected Region() {
    }

    Region(String code, RegionLevel level, Region parent, String nameEn, String nameZh,
           @Nullable Designation designation, boolean eightProvinces) {
        this.code = code;
        this.level = level;
        this.parentId = parent.getId();
        this.nameEn = nameEn;
        this.nameZh = nameZh;
        this.designation = designation;
        this.eightProvinces = eightProvinces;
        this.path = parent.getPath() + code + "/";
    }

    void rename(String nameEn, String nameZh, @Nullable Designation designation, boolean eightProvinces) {
        this.nameEn = nameEn;
        this.nameZh = nameZh;
        this.designation = designation;
        this.eightProvinces = eightProvinces;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public RegionLevel getLevel() {
        return level;
    }

    public @Nullable Long getParentId() {
        return parentId;
    }

    public String getNameEn() {
        return nameEn;
    }

    public String getNameZh() {
        return nameZh;
    }

    public @Nullable Designation getDesignation() {
        return designation;
    }

    public boolean isEightProvinces() {
        return eightProvinces;
    }

    /** The materialised path, for example {@code CN/510000/513400/}. */
    public String getPath() {
        return path;
    }

    public long getVersion() {
        return version;
    }

    public RegionRef toRef() {
        return new RegionRef(id, code, nameEn, nameZh, level, false);
    }
}
