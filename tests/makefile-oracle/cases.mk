# Cases for the Makefile reader (src/makefile.rs), each after a `### name` line; a name
# starting with `ok-` is one make reads without stopping. expected.txt holds what GNU make said
# of each (scripts/makefile-oracle.sh writes it; the tests compare without make).
### ok-good-project
HELM := helm
TASK := build
CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/., %, $(wildcard chart/*/.)))

all: $(CHARTS)

$(CHARTS):
	@echo
	@echo "==== Processing [$@] chart ====="
	@make $(TASK)-$@

init-%:
	if [ -f chart/$*/Makefile ]; then make -C chart/$*; fi

lint-%: init-%
	if [ -d chart/$* ]; then $(HELM) lint chart/$*; fi

build-%: lint-%
	if [ -d chart/$* ]; then $(HELM) package chart/$*; fi

clean:
	rm -f chart/*tgz *tgz chart/*/charts/*tgz
	rm -f chart/*/requirements.lock

.PHONY: $(EXCLUDES) $(CHARTS)
### spaces-recipe
all:
    echo hi
### spaces-recipe-eight
all:
        echo hi
### spaces-then-tab
all:
  	echo hi
### spaces-recipe-with-equals
all:
    if [ -d x ]; then helm package --save=false x; fi
### spaces-recipe-after-tab-recipe
all:
	@echo a
    @echo b
### ok-spaces-blank-and-comment-in-recipe
all:
	@echo a
        
    # note
	@echo b
### ok-spaces-assignment
  X = 1
all:
	@echo $X
### ok-indented-assignment-in-conditional
all:
	@echo $X
ifeq (1,1)
  X := 1
endif
### missing-separator-word
all:
	@echo a
not a rule
### missing-separator-two-words-equals
a b = c
all:
	@echo x
### recipe-before-first-target
	echo hi
all:
	@echo a
### recipe-after-assignment
all:
	@echo a
X := 1
	@echo b
### ok-tab-assignment-before-rule
	X = 1
all:
	@echo $X
### ok-recipeprefix
.RECIPEPREFIX = >
all:
>@echo a
### recipeprefix-tab-recipe
.RECIPEPREFIX := >
all:
	@echo a
### patsubst-two-args
X := $(patsubst a,b)
all:
	@echo $X
### patsubst-guide
CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/./, $(wildcard chart/*/.)))
all:
	@echo $(CHARTS)
### ok-patsubst-three
CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/.,%,$(wildcard chart/*/.)))
all:
	@echo $(CHARTS)
### subst-one-arg
X := $(subst a)
all:
	@echo $X
### subst-braces
X := ${subst a,b}
all:
	@echo $X
### if-one-arg
X := $(if a)
all:
	@echo $X
### foreach-two-args
X := $(foreach a,b)
all:
	@echo $X
### wordlist-two-args
X := $(wordlist 1,2)
all:
	@echo $X
### filter-out-one-arg
X := $(filter-out a)
all:
	@echo $X
### addprefix-one-arg
X := $(addprefix a)
all:
	@echo $X
### findstring-one-arg
X := $(findstring a)
all:
	@echo $X
### join-one-arg
X := $(join a)
all:
	@echo $X
### ok-strip-extra-commas
X := $(strip a,b,c) $(sort b,a) $(words a,b)
all:
	@echo '$X'
### ok-paren-arg
X := $(subst a,b,(c,d))
all:
	@echo '$X'
### ok-braces-in-paren-call
X := $(patsubst a,{b,c})
all:
	@echo '$X'
### nested-same-kind-call
X := $(patsubst a,$(b,c))
all:
	@echo '$X'
### nested-other-kind-split
X := $(patsubst a,${b,c})
all:
	@echo '$X'
### unterminated-call
X := $(subst a,b,(c,d)
all:
	@echo '$X'
### unterminated-variable
X := $(foo
all:
	@echo '$X'
### unterminated-guide-line-break
CHARTS := $(filter-out $(EXCLUDES), $(patsubst chart/%/./, $(wildcard
chart/*/.)))
all:
	@echo $(CHARTS)
### continued-call
X := $(patsubst \
 a,b)
all:
	@echo $X
### ok-continued-call
X := $(patsubst a,\
  b,c)
all:
	@echo $X
### recursive-assignment-used
X = $(patsubst a,b)
all:
	@echo "$X"
### arity-in-recipe
all:
	@echo $(patsubst a,b)
### arity-in-recipe-comment
all:
	@echo a # $(patsubst a,b)
### ok-arity-in-rule-comment
all: # $(patsubst a,b)
	@echo a
### arity-in-prerequisites
all: $(patsubst a,b)
	@echo a
### arity-in-semicolon-recipe
all: ; @echo $(patsubst a,b)
### ok-dollar-dollar-call
all:
	@echo '$$(patsubst a,b)'
### ok-function-name-without-blank
patsubst = x
X := $(patsubst)
all:
	@echo '$X'
### arity-in-target
$(patsubst a,b): 
	@echo a
all: ;
### arity-in-conditional
ifeq ($(patsubst a,b),)
endif
all:
	@echo a
### ok-comment-hash-escaped
X := a\#b
all:
	@echo '$X'
### comment-cuts-call
X := $(subst #,x,a)
all:
	@echo '$X'
### missing-endif
ifeq (a,a)
X := 1
all:
	@echo a
### extraneous-endif
all:
	@echo a
endif
### extraneous-else
X := 1
else
all:
	@echo a
### ok-else-if
ifeq (a,b)
X := 1
else ifeq (a,a)
X := 2
else
X := 3
endif
all:
	@echo $X
### missing-endef
define X
abc
all:
	@echo a
### ok-define
define RECIPE =
	@echo in define
	not a rule
endef
all:
	$(RECIPE)
### ok-nested-define
define OUTER
define INNER
x
endef
endef
all:
	@echo a
### ok-export-override
export X = 1
override Y := 2
export Z
unexport W
private V ?= 3
A += 4
B != echo 5
C ::= 6
all:
	@echo $X $Y $B $C
### ok-double-colon-and-pattern
all:: a.o
	@echo all
%.o: %.c
	@echo $@
a.c: ;
### ok-target-specific
all: X = 1
all:
	@echo $X
### ok-include-optional
-include nothing.mk
sinclude nothing2.mk
all:
	@echo a
### ok-continued-recipe
all:
	@echo a \
    b \
c
### ok-continued-prerequisites
all: a \
  b
	@echo $^
a b: ;
### spaces-recipe-with-colon
all:
	@echo a
    echo a:b
### ok-hash-inside-call
X := $(subst a,b,c # d)
all:
	@echo '$X'
### ok-comment-before-open-reference
X := a # $(foo
all:
	@echo '$X'
### arity-in-semicolon-recipe-comment
all: ; @echo a # $(patsubst a,b)
### ok-eval-line
define T
$(1):
	@echo $$@
endef
$(eval $(call T,all))
### ok-reference-only-line
$(info hello) $(EMPTY)
all:
	@echo a
### reference-and-text-line
$(EMPTY) foo
all:
	@echo a
### ok-reference-expanding-to-rule
RULE := all: ; @echo a
$(RULE)
### ok-crlf
X := a
all: \
  b
	@echo $X

b:
	@echo b
### tab-conditional-in-recipe
all:
	@echo a
	ifeq (a,b)
	@echo b
	endif
### ok-conditional-in-recipe
all:
	@echo a
ifeq (a,b)
	@echo b
else
	@echo c
endif
	@echo d
### ok-spaces-conditional-in-recipe
all:
	@echo a
  ifeq (a,b)
	@echo b
  endif
### ok-unexport-and-vpath
vpath %.c src
unexport FOO
.SUFFIXES:
all: ; @:
### ok-override-define
override define X
line one
endef
export define Y
line two
endef
all: ; @:
### missing-separator-after-define
define X
x
endef
not a rule
all: ; @:
### unterminated-brace
X := ${subst a,b,c
all: ; @:
### ok-dollar-at-end
X := a$
all: ; @:
### ok-shell-assignment
X != echo hi
Y := $(shell echo $(X))
all: ; @echo $Y
### ok-tab-comment-before-first-target
	# note
all: ; @:
### ok-tab-only-line-before-rule
	
all: ; @:
### ok-static-pattern-and-order-only
OBJS := a.o
all: $(OBJS) | dir
	@:
$(OBJS): %.o: %.c
	@echo $@
%.c: ; @:
dir: ; @:
### ok-foreach-eval
LIST := a b
define TPL
$(1): ; @:
endef
$(foreach v,$(LIST),$(eval $(call TPL,$(v))))
all: a b
### ok-endef-comment
define X
x
endef # done
all: ; @:
### ok-default-goal
.DEFAULT_GOAL := all
override CFLAGS += -g
all: ; @:
### spaces-recipe-with-tab-continuation
all:
    echo a \
	b
